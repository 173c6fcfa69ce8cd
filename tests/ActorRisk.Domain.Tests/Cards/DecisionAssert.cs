namespace ActorRisk.Domain.Tests.Cards;

/// <summary>Assertions on a <see cref="CardDecision"/> that read like the rule being checked.</summary>
internal static class DecisionAssert
{
    public static string[] Codes(CardDecision decision) => [.. decision.Reasons.Select(r => r.Code)];

    public static void Approved(CardDecision decision)
    {
        Assert.Equal(RiskAction.Approve, decision.Action);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal(ReasonCodes.NoRiskSignals, reason.Code);
        Assert.Equal(RiskAction.Approve, reason.Action);
        Assert.Null(decision.CardBlockedUntil);
    }

    public static RiskReason HasReason(CardDecision decision, string code, RiskAction action)
    {
        var reason = Assert.Single(decision.Reasons, r => r.Code == code);
        Assert.Equal(action, reason.Action);
        Assert.False(string.IsNullOrWhiteSpace(reason.Message));
        return reason;
    }

    public static void LacksReason(CardDecision decision, string code) =>
        Assert.DoesNotContain(decision.Reasons, r => r.Code == code);
}
