using ActorRisk.Portal.Live;

namespace ActorRisk.Portal.Tests.Live;

/// <summary>A page's sample of a live topic: the newest items in order, the pushed-out ones counted, its key only.</summary>
public sealed class LiveSampleTests
{
    [Fact]
    public void ItKeepsTheNewestItemsOldestFirstAndCountsThePushedOut()
    {
        var feed = new LiveFeed(TimeProvider.System);
        using var sample = feed.Sample<int>("topic", key: null, keep: 3);
        for (var i = 1; i <= 5; i++)
        {
            feed.Publish("topic", "k", i);
        }

        var (items, dropped) = sample.Take();
        Assert.Equal([3, 4, 5], items.Select(i => i.Item));
        Assert.Equal(2, dropped);

        feed.Publish("topic", "k", 6);
        (items, dropped) = sample.Take();
        Assert.Equal([6], items.Select(i => i.Item));
        Assert.Equal(2, dropped);
        Assert.Empty(sample.Take().Items);
    }

    [Fact]
    public void AKeyedSampleSeesItsKeyOnlyAndADisposedOneNothing()
    {
        var feed = new LiveFeed(TimeProvider.System);
        var card = feed.Sample<string>("topic", key: "tok_a", keep: 10);
        using var all = feed.Sample<string>("topic", key: null, keep: 10);
        feed.Publish("topic", "tok_a", "a1");
        feed.Publish("topic", "tok_b", "b1");
        Assert.Equal(["a1"], card.Take().Items.Select(i => i.Item));

        card.Dispose();
        feed.Publish("topic", "tok_a", "a2");
        Assert.Empty(card.Take().Items);
        Assert.Equal(["a1", "b1", "a2"], all.Take().Items.Select(i => i.Item));
    }
}
