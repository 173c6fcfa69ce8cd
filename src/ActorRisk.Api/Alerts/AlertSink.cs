using ActorRisk.ReadModels.Alerts;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace ActorRisk.Api.Alerts;

/// <summary>Merchant grains' alerts: into the outbox (once per id), then onto the live merchant-alerts stream.</summary>
internal sealed class AlertSink(IAlertOutbox outbox, IClusterClient cluster, IOptions<AlertOptions> options, TimeProvider clock) : IMerchantAlertSink
{
    public async Task PublishAsync(IReadOnlyList<MerchantAlert> alerts, CancellationToken cancellationToken = default)
    {
        var delivery = options.Value.WebhookConfigured ? AlertDelivery.Pending : AlertDelivery.None;
        var added = await outbox.AppendAsync(alerts, delivery, clock.GetUtcNow(), cancellationToken);
        if (added.Count == 0)
        {
            return;
        }

        var stream = cluster.GetStreamProvider(CardStreams.Provider).GetStream<MerchantAlert>(StreamId.Create(MerchantStreams.Alerts, MerchantStreams.AllMerchants));
        foreach (var alert in added)
        {
            await stream.OnNextAsync(alert);
        }
    }
}
