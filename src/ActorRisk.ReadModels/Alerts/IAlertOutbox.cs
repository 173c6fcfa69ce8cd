namespace ActorRisk.ReadModels.Alerts;

/// <summary>Delivery to the webhook: none (no webhook when raised), pending, delivered, failed (gave up).</summary>
public enum AlertDelivery
{
    None,
    Pending,
    Delivered,
    Failed,
}

/// <summary>An alert as the outbox keeps it: the alert, its webhook delivery, and who acknowledged it.</summary>
public sealed record StoredAlert(
    MerchantAlert Alert,
    AlertDelivery Delivery,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    string? LastError,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt);

/// <summary>Filters for listing alerts; newest first.</summary>
public sealed record AlertQuery(string? MerchantId = null, MerchantAlertKind? Kind = null, bool? Acknowledged = null, int Limit = 100);

/// <summary>
/// The durable outbox of merchant alerts (PostgreSQL table alert_outbox, or memory): each id stored once, then
/// delivered to the webhook at least once by the dispatcher, and listed and acknowledged through the API.
/// </summary>
public interface IAlertOutbox
{
    /// <summary>Stores alerts not stored yet (by id); returns those that were new.</summary>
    Task<IReadOnlyList<MerchantAlert>> AppendAsync(IReadOnlyList<MerchantAlert> alerts, AlertDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredAlert>> ListAsync(AlertQuery query, CancellationToken cancellationToken);

    Task<StoredAlert?> FindAsync(string id, CancellationToken cancellationToken);

    /// <returns>The alert after acknowledging (unchanged if it already was), or null if unknown.</returns>
    Task<StoredAlert?> AcknowledgeAsync(string id, string actor, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Pending alerts due at <paramref name="now"/>, claimed until <paramref name="leaseUntil"/> so that other silos'
    /// dispatchers skip them meanwhile.
    /// </summary>
    Task<IReadOnlyList<StoredAlert>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken);

    Task MarkDeliveredAsync(string id, int attempts, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt: retried at <paramref name="nextAttemptAt"/>, or failed for good when it is null.</summary>
    Task MarkAttemptFailedAsync(string id, int attempts, DateTimeOffset? nextAttemptAt, string failure, CancellationToken cancellationToken);
}
