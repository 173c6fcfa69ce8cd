namespace ActorRisk.Grains.Merchants;

/// <summary>Where merchant grains hand their alerts: a durable outbox (then a webhook) and the live stream.</summary>
public interface IMerchantAlertSink
{
    /// <summary>Stores the alerts durably (each id once, however often it is handed over) and publishes them.</summary>
    Task PublishAsync(IReadOnlyList<MerchantAlert> alerts, CancellationToken cancellationToken = default);
}
