using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ActorRisk.Portal.Live;

/// <summary>An item of the live feed: what it is about (<see cref="Key"/>: a card token or merchant id) and when it arrived.</summary>
public sealed record LiveItem<T>(string Key, T Item, DateTimeOffset At);

/// <summary>
/// The live data the portal's open pages read, inside this silo process: <see cref="LiveStreamBridge"/> puts what
/// arrives on the cluster's Orleans streams here, and each page subscribes with a bounded buffer. A slow page loses
/// its oldest items (counted in <see cref="LiveSubscription{T}.Dropped"/>), never anyone else's time; there is one
/// Orleans subscription per silo whatever the number of open pages.
/// </summary>
public sealed class LiveFeed(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, ISubscription[]> byTopic = new(StringComparer.Ordinal);

    public void Publish<T>(string topic, string key, T item)
    {
        if (!byTopic.TryGetValue(topic, out var subscriptions) || subscriptions.Length == 0)
        {
            return;
        }

        var published = new LiveItem<T>(key, item, clock.GetUtcNow());
        foreach (var subscription in subscriptions)
        {
            if (subscription is ILiveReceiver<T> typed && (typed.Key is null || typed.Key == key))
            {
                typed.Offer(published);
            }
        }
    }

    /// <summary>
    /// The newest <paramref name="keep"/> items of <paramref name="topic"/> (about <paramref name="key"/>, or all), for a
    /// reader that takes them on its own tick: an item costs one copy into a ring, with no task woken per item, so an
    /// open page costs the same at a hundred decisions a second as at ten thousand.
    /// </summary>
    public LiveSample<T> Sample<T>(string topic, string? key, int keep)
    {
        var sample = new LiveSample<T>(topic, key, keep, Remove);
        byTopic.AddOrUpdate(topic, _ => [sample], (_, current) => [.. current, sample]);
        return sample;
    }

    /// <summary>Items of <paramref name="topic"/> about <paramref name="key"/> only, or all of them when it is null.</summary>
    /// <summary>Every item to a reader that reads them all as they come (a silo's decision statistics); see also <see cref="Sample{T}"/>.</summary>
    public LiveSubscription<T> Subscribe<T>(string topic, string? key = null, int capacity = 1_024)
    {
        var subscription = new LiveSubscription<T>(topic, key, capacity, Remove);
        byTopic.AddOrUpdate(topic, _ => [subscription], (_, current) => [.. current, subscription]);
        return subscription;
    }

    /// <summary>How many readers <paramref name="topic"/> has now: an open page holds one, a closed page none.</summary>
    internal int SubscriberCount(string topic) => byTopic.TryGetValue(topic, out var subscriptions) ? subscriptions.Length : 0;

    private void Remove(ISubscription subscription) =>
        byTopic.AddOrUpdate(subscription.Topic, _ => [], (_, current) => [.. current.Where(s => !ReferenceEquals(s, subscription))]);

    internal interface ISubscription
    {
        string Topic { get; }
    }
}

/// <summary>A reader of a live topic's items of one type, about one key or all (null).</summary>
internal interface ILiveReceiver<T>
{
    string? Key { get; }

    void Offer(LiveItem<T> item);
}

/// <summary>One reader's view of a live topic, with a bounded buffer that drops its oldest items when full.</summary>
public sealed class LiveSubscription<T> : LiveFeed.ISubscription, ILiveReceiver<T>, IAsyncDisposable
{
    private readonly Channel<LiveItem<T>> channel;
    private readonly Action<LiveFeed.ISubscription> remove;
    private long dropped;

    internal LiveSubscription(string topic, string? key, int capacity, Action<LiveFeed.ISubscription> remove)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Topic = topic;
        Key = key;
        this.remove = remove;
        channel = Channel.CreateBounded<LiveItem<T>>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref dropped));
    }

    public string Topic { get; }

    public string? Key { get; }

    public long Dropped => Interlocked.Read(ref dropped);

    public void Offer(LiveItem<T> item) => channel.Writer.TryWrite(item);

    /// <summary>Items published after the subscription started, in arrival order.</summary>
    public async IAsyncEnumerable<LiveItem<T>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    public ValueTask DisposeAsync()
    {
        remove(this);
        channel.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
