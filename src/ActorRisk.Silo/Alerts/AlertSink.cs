using ActorRisk.Runtime.Streams;
using Microsoft.Extensions.Options;

namespace ActorRisk.Silo.Alerts;

/// <summary>Merchant grains' alerts: into the outbox (once per id), then onto the live "merchant-alerts" stream.</summary>
internal sealed class AlertSink(IAlertOutbox outbox, IStreamProvider streams, IOptions<AlertOptions> options, TimeProvider clock) : IMerchantAlertSink
{
    public async Task PublishAsync(IReadOnlyList<MerchantAlert> alerts, CancellationToken cancellationToken = default)
    {
        var delivery = options.Value.WebhookConfigured ? AlertDelivery.Pending : AlertDelivery.None;
        var added = await outbox.AppendAsync(alerts, delivery, clock.GetUtcNow(), cancellationToken);
        foreach (var alert in added)
        {
            await streams.PublishAsync(new StreamId(MerchantStreams.Alerts, alert.MerchantId), alert, cancellationToken);
        }
    }
}
