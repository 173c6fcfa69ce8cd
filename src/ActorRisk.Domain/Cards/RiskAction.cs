namespace ActorRisk.Domain.Cards;

/// <summary>
/// What the gateway should do with an authorization. The numeric order is the precedence:
/// when several rules match, the most severe action wins (decline, then challenge, then review, then approve).
/// </summary>
public enum RiskAction
{
    Approve = 0,
    Review = 1,
    Challenge = 2,
    Decline = 3,
}
