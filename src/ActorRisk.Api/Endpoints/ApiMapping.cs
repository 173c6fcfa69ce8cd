namespace ActorRisk.Api.Endpoints;

/// <summary>From grain results to the public JSON shapes.</summary>
internal static class ApiMapping
{
    public static string Name(this RiskAction action) => action.ToString().ToLowerInvariant();

    public static AuthorizationResponse ToResponse(this AuthorizationDecision decision) => new(
        decision.AuthorizationId,
        decision.CardToken,
        decision.Last4,
        decision.Decision.Name(),
        [.. decision.Reasons.Select(r => new ReasonBody(r.Code, r.Action.Name(), r.Message))],
        decision.CardBlocked,
        decision.CardBlockedUntil,
        decision.DecidedAt,
        decision.Replayed);

    public static CardResponse ToResponse(this CardSnapshot card) => new(
        card.CardToken,
        card.Last4,
        card.Blocked,
        card.Block is { } block ? new CardBlockBody(block.Since, block.Until, block.ReasonCode, block.Reason, block.BlockedBy) : null,
        card.Counters,
        [.. card.RecentDecisions.Select(d => new CardDecisionBody(d.AuthorizationId, d.At, d.MerchantId, d.Amount, d.Action.Name(), d.ReasonCodes, d.SmallAuthorization, d.IssuerApproved))],
        card.LastActivityAt);

    public static CardListItem ToListItem(this CardSnapshot card) =>
        new(card.CardToken, card.Last4, card.Blocked, card.Block?.Until, card.LastActivityAt);
}
