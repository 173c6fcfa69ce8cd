namespace ActorRisk.Grains.Cards;

/// <summary>
/// What a card grain persists: the domain's risk state (bounded counters, block, recent decisions), the last four
/// digits for display, and the last <see cref="CardGrain.IdempotencyWindow"/> answers, so a retried authorization
/// gets its first answer back and is counted once, across restarts.
/// </summary>
public sealed record CardGrainState
{
    public CardRiskState Risk { get; init; } = CardRiskState.New;

    public string? Last4 { get; init; }

    public ImmutableArray<AnsweredAuthorization> Answered { get; init; } = [];
}

/// <summary>An answer kept for idempotency, with a fingerprint of the request it answered.</summary>
public sealed record AnsweredAuthorization(string Fingerprint, AuthorizationDecision Decision);

/// <summary>The same authorization id came back with different details (merchant, amount or currency).</summary>
public sealed class IdempotencyConflictException(string authorizationId)
    : InvalidOperationException($"Authorization '{authorizationId}' was already decided with different details (merchant, amount or currency).")
{
    public string AuthorizationId { get; } = authorizationId;
}
