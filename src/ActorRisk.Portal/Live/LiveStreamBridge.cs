using Orleans.Streams;

namespace ActorRisk.Portal.Live;

/// <summary>
/// Subscribes this silo process to the cluster's live Orleans streams (every silo's decision batches and merchant
/// alerts) and hands each item to the in-process <see cref="LiveFeed"/>. Subscriptions are made from here, outside
/// any grain, through the silo's cluster client, and dropped when the host stops, so none outlives its process.
/// </summary>
internal sealed partial class LiveStreamBridge(IClusterClient cluster, LiveFeed feed, ILogger<LiveStreamBridge> logger) : IHostedService
{
    private readonly List<Func<Task>> unsubscribe = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var provider = cluster.GetStreamProvider(CardStreams.Provider);
        var decisions = await provider.GetStream<CardDecisionBatch>(StreamId.Create(CardStreams.Decisions, CardStreams.AllCards))
            .SubscribeAsync((batch, _) =>
            {
                foreach (var decision in batch.Decisions)
                {
                    feed.Publish(CardStreams.Decisions, decision.CardToken, decision);
                }

                if (batch.Dropped > 0)
                {
                    LogDropped(logger, batch.Dropped);
                }

                return Task.CompletedTask;
            });
        unsubscribe.Add(decisions.UnsubscribeAsync);

        var alerts = await provider.GetStream<MerchantAlert>(StreamId.Create(MerchantStreams.Alerts, MerchantStreams.AllMerchants))
            .SubscribeAsync((alert, _) =>
            {
                feed.Publish(MerchantStreams.Alerts, alert.MerchantId, alert);
                return Task.CompletedTask;
            });
        unsubscribe.Add(alerts.UnsubscribeAsync);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var stop in unsubscribe)
        {
            try
            {
                await stop();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The silo may be stopping already; its subscriptions go with it.
                LogUnsubscribeFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(430, LogLevel.Warning, "A silo left {Count} decisions out of the live feed under load")]
    private static partial void LogDropped(ILogger logger, long count);

    [LoggerMessage(431, LogLevel.Debug, "A live stream subscription could not be removed at stop")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
