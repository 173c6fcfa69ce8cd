using System.Collections.Concurrent;
using Orleans.Streams;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>A client's subscription to the live decisions stream, keeping what arrives.</summary>
public sealed class LiveFeed : IAsyncDisposable
{
    private readonly ConcurrentQueue<CardDecisionBatch> batches = new();
    private StreamSubscriptionHandle<CardDecisionBatch>? subscription;

    public IReadOnlyList<CardDecisionBatch> Batches => [.. batches];

    public IEnumerable<CardDecisionEvent> Decisions => batches.SelectMany(b => b.Decisions);

    public static async Task<LiveFeed> SubscribeAsync(IClusterClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var feed = new LiveFeed();
        var stream = client.GetStreamProvider(CardStreams.Provider).GetStream<CardDecisionBatch>(StreamId.Create(CardStreams.Decisions, CardStreams.AllCards));
        feed.subscription = await stream.SubscribeAsync((batch, _) =>
        {
            feed.batches.Enqueue(batch);
            return Task.CompletedTask;
        });
        return feed;
    }

    public async ValueTask DisposeAsync()
    {
        if (subscription is not null)
        {
            await subscription.UnsubscribeAsync();
        }
    }
}
