using ActorRisk.ReadModels.Alerts;
using ActorRisk.ReadModels.Audit;

namespace ActorRisk.Api.Alerts;

/// <summary>An operator's acknowledgement of an alert, from the API or the portal: audited once, when it first happens.</summary>
public sealed class AlertOperations(IAlertOutbox outbox, IAuditLog audit, TimeProvider clock)
{
    /// <returns>The alert after acknowledging (unchanged if it already was), or null if unknown.</returns>
    public async Task<StoredAlert?> AcknowledgeAsync(string alertId, string actor, string reason, CancellationToken cancellationToken)
    {
        var existing = await outbox.FindAsync(alertId, cancellationToken);
        if (existing is null || existing.AcknowledgedAt is not null)
        {
            return existing;
        }

        var now = clock.GetUtcNow();
        await audit.AppendAsync(new AuditEntry(Guid.NewGuid(), now, actor, "alert.acknowledge", alertId, reason), cancellationToken);
        return await outbox.AcknowledgeAsync(alertId, actor, now, cancellationToken);
    }
}
