using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ActorRisk.Runtime.Diagnostics;

namespace ActorRisk.Runtime.Streams;

/// <summary>Streams within one silo: every subscription has its own bounded channel.</summary>
public sealed class InProcessStreamProvider(TimeProvider timeProvider) : IStreamProvider
{
    private readonly ConcurrentDictionary<string, ImmutableSubscriptions> byNamespace = new(StringComparer.Ordinal);

    public Task PublishAsync<T>(StreamId stream, T item, CancellationToken cancellationToken = default)
    {
        if (!byNamespace.TryGetValue(stream.Namespace, out var subscriptions))
        {
            return Task.CompletedTask;
        }

        var published = new StreamItem<T>(stream, item, timeProvider.GetUtcNow());
        foreach (var subscription in subscriptions.Items)
        {
            if (subscription is Subscription<T> typed && (typed.Key is null || typed.Key == stream.Key))
            {
                typed.Offer(published);
            }
        }

        RuntimeInstruments.StreamItemsPublished.Add(1, new KeyValuePair<string, object?>("stream.namespace", stream.Namespace));
        return Task.CompletedTask;
    }

    public IStreamSubscription<T> Subscribe<T>(StreamId stream, int capacity = 1_024) => Add(new Subscription<T>(this, stream.Namespace, stream.Key, capacity));

    public IStreamSubscription<T> SubscribeNamespace<T>(string streamNamespace, int capacity = 1_024) => Add(new Subscription<T>(this, streamNamespace, null, capacity));

    private Subscription<T> Add<T>(Subscription<T> subscription)
    {
        byNamespace.AddOrUpdate(subscription.Namespace, _ => new([subscription]), (_, current) => new([.. current.Items, subscription]));
        return subscription;
    }

    private void Remove(ISubscription subscription) =>
        byNamespace.AddOrUpdate(subscription.Namespace, _ => new([]), (_, current) => new([.. current.Items.Where(s => !ReferenceEquals(s, subscription))]));

    private sealed record ImmutableSubscriptions(ISubscription[] Items);

    private interface ISubscription
    {
        string Namespace { get; }
    }

    private sealed class Subscription<T> : IStreamSubscription<T>, ISubscription
    {
        private readonly InProcessStreamProvider provider;
        private readonly Channel<StreamItem<T>> channel;
        private long dropped;

        public Subscription(InProcessStreamProvider provider, string streamNamespace, string? key, int capacity)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            this.provider = provider;
            Namespace = streamNamespace;
            Key = key;
            channel = Channel.CreateBounded<StreamItem<T>>(
                new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                _ =>
                {
                    Interlocked.Increment(ref dropped);
                    RuntimeInstruments.StreamItemsDropped.Add(1);
                });
        }

        public string Namespace { get; }

        public string? Key { get; }

        public long Dropped => Interlocked.Read(ref dropped);

        public void Offer(StreamItem<T> item) => channel.Writer.TryWrite(item);

        public async IAsyncEnumerable<StreamItem<T>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }

        public ValueTask DisposeAsync()
        {
            provider.Remove(this);
            channel.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}
