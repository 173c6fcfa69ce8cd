namespace ActorRisk.Domain.Cards;

/// <summary>Everything a card grain persists: rolling counters, the block if any, and recent decisions (bounded).</summary>
public sealed record CardRiskState(
    CardActivity Activity,
    CardBlock? Block,
    ImmutableArray<CardDecisionRecord> RecentDecisions)
{
    public static CardRiskState New { get; } = new(CardActivity.Empty, null, []);

    public bool IsBlocked(DateTimeOffset now) => Block?.IsActive(now) == true;

    public CardDecisionRecord? FindDecision(string authorizationId) =>
        RecentDecisions.IsDefault ? null : RecentDecisions.FirstOrDefault(d => d.AuthorizationId == authorizationId);
}

/// <summary>The result of evaluating an authorization: the answer and the card's next state.</summary>
public sealed record CardEvaluation(CardDecision Decision, CardRiskState State);
