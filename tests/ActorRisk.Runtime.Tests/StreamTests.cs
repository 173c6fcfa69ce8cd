using ActorRisk.Runtime.Streams;
using ActorRisk.Runtime.Tests.Grains;
using ActorRisk.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Runtime.Tests;

/// <summary>In-process streams: per-stream and per-namespace subscriptions, order, bounded buffers, unsubscribe.</summary>
public sealed class StreamTests
{
    private static Task<TestSilo> StartAsync() =>
        TestSilo.StartAsync(b => b.AddGrain<IPublisherGrain, PublisherGrain>("publisher", (i, id) => new PublisherGrainReference(i, id)));

    [Fact]
    public async Task AStreamSubscriberGetsEveryItemAGrainPublishesInOrder()
    {
        await using var silo = await StartAsync();
        var streams = silo.Services.GetRequiredService<IStreamProvider>();
        await using var subscription = streams.Subscribe<int>(new StreamId("quotes", "p1"));
        await using var otherKey = streams.Subscribe<int>(new StreamId("quotes", "p2"));

        await silo.GrainFactory.GetGrain<IPublisherGrain>("p1").PublishAsync(new PublishRange("quotes", 0, 500));

        var items = await TakeAsync(subscription, 500);
        Assert.Equal(Enumerable.Range(0, 500), items.Select(i => i.Item));
        Assert.All(items, i => Assert.Equal(new StreamId("quotes", "p1"), i.Stream));
        Assert.Equal(0, subscription.Dropped);
        Assert.Empty(await DrainAsync(otherKey));
    }

    [Fact]
    public async Task ANamespaceSubscriberGetsEveryStreamOfItsNamespaceOnly()
    {
        await using var silo = await StartAsync();
        var streams = silo.Services.GetRequiredService<IStreamProvider>();
        await using var subscription = streams.SubscribeNamespace<int>("feed");

        await Task.WhenAll(
            silo.GrainFactory.GetGrain<IPublisherGrain>("a").PublishAsync(new PublishRange("feed", 0, 100)),
            silo.GrainFactory.GetGrain<IPublisherGrain>("b").PublishAsync(new PublishRange("feed", 1_000, 100)),
            silo.GrainFactory.GetGrain<IPublisherGrain>("c").PublishAsync(new PublishRange("elsewhere", 0, 100)));

        var items = await TakeAsync(subscription, 200);
        Assert.Equal(Enumerable.Range(0, 100), items.Where(i => i.Stream.Key == "a").Select(i => i.Item));
        Assert.Equal(Enumerable.Range(1_000, 100), items.Where(i => i.Stream.Key == "b").Select(i => i.Item));
        Assert.All(items, i => Assert.Equal("feed", i.Stream.Namespace));
        Assert.Empty(await DrainAsync(subscription));
    }

    [Fact]
    public async Task ASlowSubscriberLosesItsOldestItemsAndCountsThem()
    {
        await using var silo = await StartAsync();
        var streams = silo.Services.GetRequiredService<IStreamProvider>();
        await using var slow = streams.Subscribe<int>(new StreamId("quotes", "busy"), capacity: 4);
        await using var fast = streams.Subscribe<int>(new StreamId("quotes", "busy"));

        // The publisher never waits for the slow subscriber.
        await silo.GrainFactory.GetGrain<IPublisherGrain>("busy").PublishAsync(new PublishRange("quotes", 0, 10)).Within();

        Assert.Equal([6, 7, 8, 9], (await TakeAsync(slow, 4)).Select(i => i.Item));
        Assert.Equal(6, slow.Dropped);
        Assert.Equal(Enumerable.Range(0, 10), (await TakeAsync(fast, 10)).Select(i => i.Item));
        Assert.Equal(0, fast.Dropped);
    }

    [Fact]
    public async Task DisposingASubscriptionUnsubscribesAndEndsItsReader()
    {
        await using var silo = await StartAsync();
        var streams = silo.Services.GetRequiredService<IStreamProvider>();
        var publisher = silo.GrainFactory.GetGrain<IPublisherGrain>("d");
        var subscription = streams.Subscribe<int>(new StreamId("quotes", "d"));
        await using var namespaceSubscription = streams.SubscribeNamespace<int>("quotes");
        await publisher.PublishAsync(new PublishRange("quotes", 0, 3));

        await subscription.DisposeAsync();
        await publisher.PublishAsync(new PublishRange("quotes", 3, 3));

        // The reader ends (no wait forever) after the items published before the dispose.
        var items = new List<int>();
        await foreach (var item in subscription.ReadAllAsync().WithCancellation(CancellationToken.None))
        {
            items.Add(item.Item);
        }

        Assert.Equal([0, 1, 2], items);
        Assert.Equal(Enumerable.Range(0, 6), (await TakeAsync(namespaceSubscription, 6)).Select(i => i.Item)); // others are unaffected
    }

    [Fact]
    public async Task ItemsOfAnotherTypeAreNotDeliveredAndPublishingWithoutSubscribersIsFine()
    {
        await using var silo = await StartAsync();
        var streams = silo.Services.GetRequiredService<IStreamProvider>();
        await streams.PublishAsync(new StreamId("nobody", "x"), 1);
        await using var strings = streams.Subscribe<string>(new StreamId("quotes", "typed"));

        await silo.GrainFactory.GetGrain<IPublisherGrain>("typed").PublishAsync(new PublishRange("quotes", 0, 5));
        await streams.PublishAsync(new StreamId("quotes", "typed"), "hello");

        Assert.Equal(["hello"], (await TakeAsync(strings, 1)).Select(i => i.Item));
        Assert.Empty(await DrainAsync(strings));
    }

    private static async Task<List<StreamItem<T>>> TakeAsync<T>(IStreamSubscription<T> subscription, int count)
    {
        using var timeout = new CancellationTokenSource(Eventually.SafetyTimeout);
        var items = new List<StreamItem<T>>(count);
        await foreach (var item in subscription.ReadAllAsync(timeout.Token))
        {
            items.Add(item);
            if (items.Count == count)
            {
                break;
            }
        }

        return items;
    }

    /// <summary>Whatever is buffered now (the in-process provider delivers synchronously on publish).</summary>
    private static async Task<List<StreamItem<T>>> DrainAsync<T>(IStreamSubscription<T> subscription)
    {
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var items = new List<StreamItem<T>>();
        try
        {
            await foreach (var item in subscription.ReadAllAsync(soon.Token))
            {
                items.Add(item);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return items;
    }
}
