namespace ActorRisk.ReadModels.Alerts;

/// <summary>The alert outbox in memory (embedded mode; lost with the process, like the rest of memory mode).</summary>
internal sealed class MemoryAlertOutbox : IAlertOutbox
{
    private readonly Dictionary<string, StoredAlert> alerts = new(StringComparer.Ordinal);
    private readonly Lock sync = new();

    public Task<IReadOnlyList<MerchantAlert>> AppendAsync(IReadOnlyList<MerchantAlert> incoming, AlertDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var added = new List<MerchantAlert>();
        lock (sync)
        {
            foreach (var alert in incoming)
            {
                if (alerts.TryAdd(alert.Id, new StoredAlert(alert, delivery, 0, delivery == AlertDelivery.Pending ? now : null, null, null, null, null)))
                {
                    added.Add(alert);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<MerchantAlert>>(added);
    }

    public Task<IReadOnlyList<StoredAlert>> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            return Task.FromResult<IReadOnlyList<StoredAlert>>([.. alerts.Values
                .Where(a => (query.MerchantId is null || a.Alert.MerchantId == query.MerchantId)
                    && (query.Kind is null || a.Alert.Kind == query.Kind)
                    && (query.Acknowledged is null || (a.AcknowledgedAt is not null) == query.Acknowledged))
                .OrderByDescending(a => a.Alert.RaisedAt)
                .ThenBy(a => a.Alert.Id, StringComparer.Ordinal)
                .Take(query.Limit)]);
        }
    }

    public Task<StoredAlert?> FindAsync(string id, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            return Task.FromResult(alerts.GetValueOrDefault(id));
        }
    }

    public Task<StoredAlert?> AcknowledgeAsync(string id, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            if (!alerts.TryGetValue(id, out var alert))
            {
                return Task.FromResult<StoredAlert?>(null);
            }

            if (alert.AcknowledgedAt is null)
            {
                alert = alerts[id] = alert with { AcknowledgedBy = actor, AcknowledgedAt = at };
            }

            return Task.FromResult<StoredAlert?>(alert);
        }
    }

    public Task<IReadOnlyList<StoredAlert>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            var due = alerts.Values
                .Where(a => a.Delivery == AlertDelivery.Pending && a.NextAttemptAt <= now)
                .OrderBy(a => a.NextAttemptAt)
                .Take(limit)
                .ToList();
            foreach (var alert in due)
            {
                alerts[alert.Alert.Id] = alert with { NextAttemptAt = leaseUntil };
            }

            return Task.FromResult<IReadOnlyList<StoredAlert>>(due);
        }
    }

    public Task MarkDeliveredAsync(string id, int attempts, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            alerts[id] = alerts[id] with { Delivery = AlertDelivery.Delivered, Attempts = attempts, DeliveredAt = at, NextAttemptAt = null };
        }

        return Task.CompletedTask;
    }

    public Task MarkAttemptFailedAsync(string id, int attempts, DateTimeOffset? nextAttemptAt, string failure, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            alerts[id] = alerts[id] with
            {
                Delivery = nextAttemptAt is null ? AlertDelivery.Failed : AlertDelivery.Pending,
                Attempts = attempts,
                NextAttemptAt = nextAttemptAt,
                LastError = failure,
            };
        }

        return Task.CompletedTask;
    }
}
