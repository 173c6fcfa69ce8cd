namespace ActorRisk.Grains.Cards;

/// <summary>
/// What a card grain persists: the domain's risk state (bounded counters, block, recent decisions) and the last
/// four digits for display. Idempotency is not kept here: each answer is recorded in the runtime's request
/// ledger by the same write (see <see cref="CardGrain"/>).
/// </summary>
public sealed record CardGrainState
{
    public CardRiskState Risk { get; init; } = CardRiskState.New;

    public string? Last4 { get; init; }
}

/// <summary>The answer recorded for an authorization id, with a fingerprint of the request it answered.</summary>
public sealed record AnsweredAuthorization(string Fingerprint, AuthorizationDecision Decision);

/// <summary>The same authorization id came back for another card or with different details.</summary>
public sealed class IdempotencyConflictException(string authorizationId)
    : InvalidOperationException($"Authorization '{authorizationId}' was already decided for a different request (card, merchant, amount or other details differ).")
{
    public string AuthorizationId { get; } = authorizationId;
}
