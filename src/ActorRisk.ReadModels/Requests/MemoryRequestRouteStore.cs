using System.Collections.Concurrent;
using ActorRisk.Grains.Idempotency;
using Microsoft.Extensions.Options;

namespace ActorRisk.ReadModels.Requests;

/// <summary>Request routes in memory (embedded mode), forgotten with the ids their grains keep.</summary>
internal sealed class MemoryRequestRouteStore(IOptions<IdempotencyOptions> idempotency, TimeProvider clock) : IRequestRouteStore
{
    private readonly ConcurrentDictionary<(string Scope, string Id), RequestRoute> routes = new();
    private readonly ConcurrentQueue<RequestRoute> byAge = new();

    public Task AddAsync(IReadOnlyList<RequestRoute> added, CancellationToken cancellationToken)
    {
        foreach (var route in added)
        {
            if (routes.TryAdd((route.Scope, route.Id), route))
            {
                byAge.Enqueue(route);
            }
        }

        var oldest = clock.GetUtcNow() - idempotency.Value.Retention;
        while (byAge.TryPeek(out var route) && route.At < oldest && byAge.TryDequeue(out route))
        {
            routes.TryRemove((route.Scope, route.Id), out _);
        }

        return Task.CompletedTask;
    }

    public Task<string?> FindOwnerAsync(string scope, string id, CancellationToken cancellationToken) =>
        Task.FromResult(routes.TryGetValue((scope, id), out var route) ? route.Owner : null);
}
