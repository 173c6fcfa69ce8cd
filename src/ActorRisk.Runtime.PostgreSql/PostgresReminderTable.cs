using ActorRisk.Runtime.Reminders;

namespace ActorRisk.Runtime.PostgreSql;

/// <summary>Durable reminders in PostgreSQL: they survive restarts and re-activate their grains.</summary>
public sealed class PostgresReminderTable(PostgresDatabase database, int partitionCount) : IReminderTable
{
    public async Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync("""
            INSERT INTO grain_reminders (grain_type, grain_key, name, partition_id, next_due, period_ms)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT ON CONSTRAINT grain_reminders_pk DO UPDATE SET next_due = EXCLUDED.next_due, period_ms = EXCLUDED.period_ms
            """).ConfigureAwait(false);
        AddKey(command, entry.GrainId, entry.Name);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = entry.GrainId.Partition(partitionCount) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.NextDue });
        command.Parameters.Add(PeriodParameter(entry.Period));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync("DELETE FROM grain_reminders WHERE grain_type = $1 AND grain_key = $2 AND name = $3").ConfigureAwait(false);
        AddKey(command, grainId, name);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            "SELECT grain_type, grain_key, name, next_due, period_ms FROM grain_reminders WHERE grain_type = $1 AND grain_key = $2 ORDER BY name").ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            "SELECT grain_type, grain_key, name, next_due, period_ms FROM grain_reminders WHERE next_due <= $1 ORDER BY next_due LIMIT $2").ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task AdvanceAsync(ReminderEntry fired, DateTimeOffset? nextDue, CancellationToken cancellationToken)
    {
        // Only the row that fired moves: a grain that re-registered the reminder meanwhile keeps its new schedule.
        await using var command = await CommandAsync(nextDue is null
            ? "DELETE FROM grain_reminders WHERE grain_type = $1 AND grain_key = $2 AND name = $3 AND next_due = $4 AND period_ms IS NOT DISTINCT FROM $5"
            : "UPDATE grain_reminders SET next_due = $6 WHERE grain_type = $1 AND grain_key = $2 AND name = $3 AND next_due = $4 AND period_ms IS NOT DISTINCT FROM $5").ConfigureAwait(false);
        AddKey(command, fired.GrainId, fired.Name);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = fired.NextDue });
        command.Parameters.Add(PeriodParameter(fired.Period));
        if (nextDue is { } next)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = next });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<NpgsqlCommand> CommandAsync(string sql)
    {
        await database.EnsureMigratedAsync().ConfigureAwait(false);
        return database.DataSource.CreateCommand(sql);
    }

    private static void AddKey(NpgsqlCommand command, GrainId grainId, string name)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
    }

    private static NpgsqlParameter PeriodParameter(TimeSpan period) => new()
    {
        Value = period == Timeout.InfiniteTimeSpan ? DBNull.Value : (long)period.TotalMilliseconds,
        NpgsqlDbType = NpgsqlDbType.Bigint,
    };

    private static async Task<IReadOnlyList<ReminderEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(reader.GetInt64(4))));
        }

        return entries;
    }
}
