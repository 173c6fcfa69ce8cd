using ActorRisk.Grains.Idempotency;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// Which grain an id belongs to, across grains: each grain replays the ids it answered itself, and this refuses an id
/// that another card or merchant answered (a 409, as for other content under the same id) before any grain counts it.
/// </summary>
public sealed class RequestOwnership(RequestRoutes recent, IRequestRouteStore store)
{
    /// <summary>The grain that answered the id, or null.</summary>
    public Task<string?> OwnerAsync(string scope, string id, CancellationToken cancellationToken) =>
        recent.FindOwnerAsync(store, scope, id, cancellationToken);

    /// <summary>True when another grain than <paramref name="owner"/> answered the id.</summary>
    public async Task<bool> TakenElsewhereAsync(string scope, string id, string owner, CancellationToken cancellationToken) =>
        await OwnerAsync(scope, id, cancellationToken) is { } found && !string.Equals(found, owner, StringComparison.Ordinal);
}
