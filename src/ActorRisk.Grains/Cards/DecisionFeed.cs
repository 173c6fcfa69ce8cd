namespace ActorRisk.Grains.Cards;

/// <summary>
/// The decisions this silo's card grains made since the last hand-over, in memory: the forwarder publishes them on the
/// live stream every <see cref="Forwarding.ForwarderGrain.FeedInterval"/>, so an authorization never waits for the live
/// feed. At most <see cref="Capacity"/> wait; beyond that the newest are counted and dropped (the feed shows a sample
/// under extreme load, and says how many it left out), never the authorization's time. One lock makes the capacity check
/// and the hand-over exact: no decision is added to a list already handed over.
/// </summary>
public sealed class DecisionFeed
{
    public const int Capacity = 10_000;

    private readonly Lock sync = new();
    private List<CardDecisionEvent> pending = [];
    private long dropped;

    public void Add(CardDecisionEvent decision)
    {
        lock (sync)
        {
            if (pending.Count >= Capacity)
            {
                dropped++;
                return;
            }

            pending.Add(decision);
        }
    }

    /// <summary>Everything added since the last drain, and how many were dropped meanwhile.</summary>
    public (ImmutableArray<CardDecisionEvent> Decisions, long Dropped) Drain()
    {
        List<CardDecisionEvent> taken;
        long lost;
        lock (sync)
        {
            (taken, pending) = (pending, []);
            (lost, dropped) = (dropped, 0);
        }

        return ([.. taken], lost);
    }
}
