namespace ActorRisk.Abstractions;

/// <summary>
/// Which grain answered a request id (an authorization id: the card token; a settlement batch, dispute or fraud report
/// id: the merchant id). Each grain keeps the ids it answered in its own state, so a retry to the same grain replays; the
/// routes say where an id went, so an issuer outcome finds its card and an id reused for another card or merchant is
/// refused instead of counted twice.
/// </summary>
public sealed record RequestRoute(string Scope, string Id, string Owner, DateTimeOffset At);

/// <summary>The cluster's record of request routes (memory, or PostgreSQL in durable modes), kept for the idempotency retention.</summary>
public interface IRequestRouteStore
{
    Task AddAsync(IReadOnlyList<RequestRoute> routes, CancellationToken cancellationToken);

    /// <summary>The grain that answered <paramref name="id"/> in <paramref name="scope"/>, or null.</summary>
    Task<string?> FindOwnerAsync(string scope, string id, CancellationToken cancellationToken);
}
