namespace ActorRisk.Runtime.Streams;

/// <summary>
/// Publish/subscribe keyed by (namespace, key), as Orleans streams. Grains publish state changes; the portal
/// subscribes. Publishing never waits for subscribers: each subscription has a bounded buffer and a slow
/// subscriber loses its oldest items (counted in <see cref="IStreamSubscription{T}.Dropped"/>), never the
/// publisher's time. The in-process provider serves one silo; a cluster provider will fan out across silos
/// behind the same interface.
/// </summary>
public interface IStreamProvider
{
    Task PublishAsync<T>(StreamId stream, T item, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to one stream.</summary>
    IStreamSubscription<T> Subscribe<T>(StreamId stream, int capacity = 1_024);

    /// <summary>Subscribes to every stream of a namespace (the portal's live feed).</summary>
    IStreamSubscription<T> SubscribeNamespace<T>(string streamNamespace, int capacity = 1_024);
}

public interface IStreamSubscription<T> : IAsyncDisposable
{
    /// <summary>Items published after the subscription started, in publication order per stream.</summary>
    IAsyncEnumerable<StreamItem<T>> ReadAllAsync(CancellationToken cancellationToken = default);

    long Dropped { get; }
}
