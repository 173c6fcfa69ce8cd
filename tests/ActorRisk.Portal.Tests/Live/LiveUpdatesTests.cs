using ActorRisk.Portal.Live;

namespace ActorRisk.Portal.Tests.Live;

/// <summary>
/// A live topic reaches a component in few batches, however fast it arrives: a burst is at most one batch per
/// interval, each holding the newest items up to its limit with the rest counted as missed, and nothing after the
/// component is gone.
/// </summary>
public sealed class LiveUpdatesTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task ABurstArrivesInBatchesOfTheNewestItemsWithTheRestCountedAsMissed()
    {
        var feed = new LiveFeed(TimeProvider.System);
        var batches = new List<LiveBatch<int>>();
        var updates = feed.Start<int>("topic", null, Invoke(batches), batches.Add, Interval, maxBatch: 100);

        for (var i = 0; i < 1_000; i++)
        {
            feed.Publish("topic", "k", i);
        }

        await WaitUntilAsync(() => Delivered(batches).Contains(999));
        await updates.DisposeAsync();

        var delivered = Delivered(batches);
        Assert.True(batches.Count <= 3, $"{batches.Count} batches for one burst");
        Assert.All(batches, b => Assert.True(b.Items.Count <= 100));
        Assert.Equal(delivered.Order(), delivered); // oldest first, never out of order
        Assert.Equal(1_000, delivered.Count + batches[^1].Missed);
    }

    [Fact]
    public async Task OnlyItemsAboutTheKeyArriveAndNothingAfterDisposal()
    {
        var feed = new LiveFeed(TimeProvider.System);
        var batches = new List<LiveBatch<int>>();
        var updates = feed.Start<int>("topic", "card-1", Invoke(batches), batches.Add, Interval);

        feed.Publish("topic", "card-2", 2);
        feed.Publish("topic", "card-1", 1);
        await WaitUntilAsync(() => Delivered(batches).Count == 1);
        await updates.DisposeAsync();
        feed.Publish("topic", "card-1", 3);
        await Task.Delay(Interval * 4);

        Assert.Equal([1], Delivered(batches));
    }

    // The component's InvokeAsync: here the batch is recorded where the component would apply it.
    private static Func<Action, Task> Invoke(List<LiveBatch<int>> batches) => apply =>
    {
        lock (batches)
        {
            apply();
        }

        return Task.CompletedTask;
    };

    private static List<int> Delivered(List<LiveBatch<int>> batches)
    {
        lock (batches)
        {
            return [.. batches.SelectMany(b => b.Items.Select(i => i.Item))];
        }
    }

    private static async Task WaitUntilAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(done(), "not delivered within 10 s");
    }
}
