namespace ActorRisk.Portal.Live;

/// <summary>
/// The newest items of a live topic, kept in a ring until their reader takes them (<see cref="Take"/>): what a page
/// shows four times a second. An item that arrives when the ring is full pushes the oldest out, counted in
/// <see cref="Dropped"/>. Cheap to feed: one copy under an uncontended lock, nothing woken.
/// </summary>
public sealed class LiveSample<T> : LiveFeed.ISubscription, ILiveReceiver<T>, IDisposable
{
    private readonly Lock gate = new();
    private readonly LiveItem<T>[] ring;
    private readonly Action<LiveFeed.ISubscription> remove;
    private int oldest;
    private int count;
    private long dropped;

    internal LiveSample(string topic, string? key, int keep, Action<LiveFeed.ISubscription> remove)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        Topic = topic;
        Key = key;
        ring = new LiveItem<T>[keep];
        this.remove = remove;
    }

    public string Topic { get; }

    public string? Key { get; }

    /// <summary>Items pushed out before anyone took them, since the sample started.</summary>
    public long Dropped
    {
        get
        {
            lock (gate)
            {
                return dropped;
            }
        }
    }

    void ILiveReceiver<T>.Offer(LiveItem<T> item)
    {
        lock (gate)
        {
            if (count == ring.Length)
            {
                ring[oldest] = item;
                oldest = (oldest + 1) % ring.Length;
                dropped++;
            }
            else
            {
                ring[(oldest + count) % ring.Length] = item;
                count++;
            }
        }
    }

    /// <summary>The items kept since the last take, oldest first, and the count dropped so far.</summary>
    public (IReadOnlyList<LiveItem<T>> Items, long Dropped) Take()
    {
        lock (gate)
        {
            var items = new LiveItem<T>[count];
            for (var i = 0; i < count; i++)
            {
                items[i] = ring[(oldest + i) % ring.Length];
                ring[(oldest + i) % ring.Length] = default!;
            }

            (oldest, count) = (0, 0);
            return (items, dropped);
        }
    }

    public void Dispose() => remove(this);
}
