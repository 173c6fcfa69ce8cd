using System.Collections.Concurrent;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>The request-route store port: keeps every route the forwarder hands over, in order; can be made slow once.</summary>
public sealed class RecordingRouteStore : IRequestRouteStore
{
    private readonly ConcurrentQueue<RequestRoute> routes = new();
    private long slowNextTicks;

    public IReadOnlyList<RequestRoute> Routes => [.. routes];

    /// <summary>The next hand-over takes this long, as a store under load would.</summary>
    public void SlowNextAdd(TimeSpan by) => Interlocked.Exchange(ref slowNextTicks, by.Ticks);

    public async Task AddAsync(IReadOnlyList<RequestRoute> routes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (Interlocked.Exchange(ref slowNextTicks, 0) is var ticks and > 0)
        {
            await Task.Delay(TimeSpan.FromTicks(ticks), cancellationToken);
        }

        foreach (var route in routes)
        {
            this.routes.Enqueue(route);
        }
    }

    public Task<string?> FindOwnerAsync(string scope, string id, CancellationToken cancellationToken) =>
        Task.FromResult(routes.LastOrDefault(r => r.Scope == scope && r.Id == id)?.Owner);
}
