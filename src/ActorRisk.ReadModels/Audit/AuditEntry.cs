namespace ActorRisk.ReadModels.Audit;

/// <summary>One audited action: who did what to which target, when and why.</summary>
public sealed record AuditEntry(Guid Id, DateTimeOffset At, string Actor, string Action, string Target, string Reason, string? DetailsJson = null);

/// <summary>Filters for reading the audit log; newest first.</summary>
public sealed record AuditQuery(string? Actor = null, string? Action = null, string? Target = null, int Limit = 100);

/// <summary>The append-only audit log of operator and admin actions.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Audit in memory (embedded mode; lost with the process, like the rest of memory mode).</summary>
public sealed class MemoryAuditLog : IAuditLog
{
    private readonly List<AuditEntry> entries = [];

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        lock (entries)
        {
            entries.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        lock (entries)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>([.. entries
                .Where(e => (query.Actor is null || e.Actor == query.Actor) && (query.Action is null || e.Action == query.Action) && (query.Target is null || e.Target == query.Target))
                .OrderByDescending(e => e.At)
                .Take(query.Limit)]);
        }
    }
}
