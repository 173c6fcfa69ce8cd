namespace ActorRisk.Runtime.Reminders;

/// <summary>The embedded default: reminders in process memory (they do not survive a restart).</summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId, string), ReminderEntry> rows = new();

    public Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        rows[(entry.GrainId, entry.Name)] = entry;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        rows.TryRemove((grainId, name), out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grainId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>([.. rows.Values.Where(r => r.GrainId == grainId).OrderBy(r => r.Name, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>([.. rows.Values.Where(r => r.NextDue <= now).OrderBy(r => r.NextDue).Take(limit)]);

    public Task AdvanceAsync(ReminderEntry fired, DateTimeOffset? nextDue, CancellationToken cancellationToken)
    {
        var key = (fired.GrainId, fired.Name);
        if (nextDue is { } next)
        {
            rows.TryUpdate(key, fired with { NextDue = next }, fired);
        }
        else
        {
            rows.TryRemove(new KeyValuePair<(GrainId, string), ReminderEntry>(key, fired));
        }

        return Task.CompletedTask;
    }
}
