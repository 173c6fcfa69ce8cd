using System.Collections.Concurrent;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>The request-route store port: keeps every route the forwarder hands over, in order.</summary>
public sealed class RecordingRouteStore : IRequestRouteStore
{
    private readonly ConcurrentQueue<RequestRoute> routes = new();

    public IReadOnlyList<RequestRoute> Routes => [.. routes];

    public Task AddAsync(IReadOnlyList<RequestRoute> routes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var route in routes)
        {
            this.routes.Enqueue(route);
        }

        return Task.CompletedTask;
    }

    public Task<string?> FindOwnerAsync(string scope, string id, CancellationToken cancellationToken) =>
        Task.FromResult(routes.LastOrDefault(r => r.Scope == scope && r.Id == id)?.Owner);
}
