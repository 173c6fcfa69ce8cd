namespace ActorRisk.Grains.Idempotency;

/// <summary>
/// A request a grain has applied, kept in the grain's own state and written by the same write as the change it made:
/// either both are stored or neither, so a retry of <see cref="Id"/> finds it after a restart or on another silo and
/// gets <see cref="Answer"/> again instead of counting twice. <see cref="Fingerprint"/> tells a retry (same content)
/// from a reused id (other content: a conflict).
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.answered-request`1")]
public sealed record AnsweredRequest<TAnswer>(
    [property: Id(0)] string Scope,
    [property: Id(1)] string Id,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] TAnswer Answer);
