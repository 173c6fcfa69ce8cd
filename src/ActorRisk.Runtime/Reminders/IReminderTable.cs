namespace ActorRisk.Runtime.Reminders;

/// <summary>A durable reminder row: fire <see cref="Name"/> on <see cref="GrainId"/> at <see cref="NextDue"/>, then every <see cref="Period"/> (infinite: once).</summary>
public sealed record ReminderEntry(GrainId GrainId, string Name, DateTimeOffset NextDue, TimeSpan Period);

/// <summary>Where reminders are kept: memory (embedded default) or PostgreSQL.</summary>
public interface IReminderTable
{
    Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken);

    Task RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Reminders due at <paramref name="now"/> or earlier, oldest first.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a fired reminder to its next due time, or deletes it when <paramref name="nextDue"/> is null, only if
    /// the row is still the one that fired (a grain may have re-registered it meanwhile).
    /// </summary>
    Task AdvanceAsync(ReminderEntry fired, DateTimeOffset? nextDue, CancellationToken cancellationToken);
}
