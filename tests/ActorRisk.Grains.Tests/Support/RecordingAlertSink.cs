using System.Collections.Concurrent;
using ActorRisk.Grains.Merchants;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>The merchant alert port: keeps what merchant grains hand over.</summary>
public sealed class RecordingAlertSink : IMerchantAlertSink
{
    private readonly ConcurrentQueue<MerchantAlert> alerts = new();

    public IReadOnlyList<MerchantAlert> Alerts => [.. alerts];

    public Task PublishAsync(IReadOnlyList<MerchantAlert> alerts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        foreach (var alert in alerts)
        {
            this.alerts.Enqueue(alert);
        }

        return Task.CompletedTask;
    }
}
