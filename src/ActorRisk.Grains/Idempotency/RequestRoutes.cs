using System.Collections.Concurrent;

namespace ActorRisk.Grains.Idempotency;

/// <summary>
/// The request routes this silo's grains recorded since the last hand-over, in memory: the forwarder adds them to the
/// route store every second (one statement), and a lookup that comes before that finds them here. A drained batch stays
/// findable until the next drain, so a route never falls between this buffer and the store while the write is in flight.
/// </summary>
public sealed class RequestRoutes
{
    private ConcurrentDictionary<(string Scope, string Id), RequestRoute> pending = NewBuffer();
    private ConcurrentDictionary<(string Scope, string Id), RequestRoute> handingOver = NewBuffer();

    public void Record(RequestRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        Volatile.Read(ref pending)[(route.Scope, route.Id)] = route;
    }

    /// <summary>A route not yet in the store, or null.</summary>
    public RequestRoute? Find(string scope, string id) =>
        Volatile.Read(ref pending).TryGetValue((scope, id), out var route) || Volatile.Read(ref handingOver).TryGetValue((scope, id), out route)
            ? route
            : null;

    /// <summary>Everything recorded since the last drain.</summary>
    public IReadOnlyList<RequestRoute> Drain()
    {
        var taken = Interlocked.Exchange(ref pending, NewBuffer());
        Volatile.Write(ref handingOver, taken);
        return [.. taken.Values];
    }

    /// <summary>
    /// The grain that answered the id: this silo's buffer first, then the store. Another silo's last second of routes
    /// is not seen yet (a reuse of an id within that second, on another silo, is not caught).
    /// </summary>
    public async Task<string?> FindOwnerAsync(IRequestRouteStore store, string scope, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Find(scope, id)?.Owner ?? await store.FindOwnerAsync(scope, id, cancellationToken);
    }

    private static ConcurrentDictionary<(string Scope, string Id), RequestRoute> NewBuffer() => new();
}
