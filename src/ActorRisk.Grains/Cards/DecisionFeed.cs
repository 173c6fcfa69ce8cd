using System.Collections.Concurrent;

namespace ActorRisk.Grains.Cards;

/// <summary>
/// The decisions this silo's card grains made since the last hand-over, in memory: the forwarder publishes them as one
/// stream item every <see cref="Forwarding.ForwarderGrain.FeedInterval"/>, so an authorization never waits for the
/// live feed. At most <see cref="Capacity"/> wait; beyond that the newest are counted and dropped (the feed shows a
/// sample under extreme load, and says how many it left out), never the authorization's time.
/// </summary>
public sealed class DecisionFeed
{
    public const int Capacity = 10_000;

    private ConcurrentQueue<CardDecisionEvent> pending = new();
    private long dropped;

    public void Add(CardDecisionEvent decision)
    {
        var queue = Volatile.Read(ref pending);
        if (queue.Count >= Capacity)
        {
            Interlocked.Increment(ref dropped);
            return;
        }

        queue.Enqueue(decision);
    }

    /// <summary>Everything added since the last drain, and how many were dropped meanwhile.</summary>
    public (ImmutableArray<CardDecisionEvent> Decisions, long Dropped) Drain()
    {
        var taken = Interlocked.Exchange(ref pending, new ConcurrentQueue<CardDecisionEvent>());
        return ([.. taken], Interlocked.Exchange(ref dropped, 0));
    }
}
