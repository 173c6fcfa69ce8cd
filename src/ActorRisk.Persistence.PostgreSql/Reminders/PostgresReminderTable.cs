using Microsoft.Extensions.Options;

namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// Orleans' reminder table in PostgreSQL (<c>orleans_reminders</c>, migration 006), on the silo's shared pool for
/// its connection string. Each upsert gives the row a new random ETag; a removal names the ETag it read.
/// </summary>
public sealed class PostgresReminderTable(PostgresDatabases databases, IOptions<PostgresReminderTableOptions> options) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_time, period, etag";

    private readonly PostgresDatabase database = Validated(databases, options);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await database.EnsureMigratedAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            throw new OrleansConfigurationException(
                $"PostgreSQL reminder table could not migrate {database.Target}: {exception.Message} Check {nameof(PostgresReminderTableOptions)}.{nameof(PostgresReminderTableOptions.ConnectionString)}.",
                exception);
        }
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync($"SELECT {Columns} FROM orleans_reminders WHERE grain_id = $1").ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.ToString() });
        return new ReminderTableData(await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>Rows whose ring position is in (begin, end]; when begin &gt;= end the range wraps past the top of the ring.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(begin < end
            ? $"SELECT {Columns} FROM orleans_reminders WHERE grain_hash > $1 AND grain_hash <= $2"
            : $"SELECT {Columns} FROM orleans_reminders WHERE grain_hash > $1 OR grain_hash <= $2").ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ReminderHash.ToStored(begin) });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ReminderHash.ToStored(end) });
        return new ReminderTableData(await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync($"SELECT {Columns} FROM orleans_reminders WHERE grain_id = $1 AND reminder_name = $2").ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reminderName });
        return (await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = Guid.NewGuid().ToString("N");
        await using var command = await CommandAsync("""
            INSERT INTO orleans_reminders (grain_id, reminder_name, grain_hash, start_time, period, etag) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT ON CONSTRAINT orleans_reminders_pk DO UPDATE
            SET grain_hash = EXCLUDED.grain_hash, start_time = EXCLUDED.start_time, period = EXCLUDED.period, etag = EXCLUDED.etag
            """).ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.GrainId.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.ReminderName });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ReminderHash.ToStored(entry.GrainId.GetUniformHashCode()) });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = AsUtc(entry.StartAt), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = entry.Period, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = etag });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return etag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>False when the row is gone or carries another ETag (it was upserted since it was read).</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync("DELETE FROM orleans_reminders WHERE grain_id = $1 AND reminder_name = $2 AND etag = $3").ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reminderName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eTag });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync("DELETE FROM orleans_reminders").ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static PostgresDatabase Validated(PostgresDatabases databases, IOptions<PostgresReminderTableOptions> options)
    {
        new PostgresReminderTableOptionsValidator(options).ValidateConfiguration();
        return databases.Get(options.Value.ConnectionString);
    }

    private async Task<NpgsqlCommand> CommandAsync(string sql)
    {
        await database.EnsureMigratedAsync().ConfigureAwait(false);
        return database.DataSource.CreateCommand(sql);
    }

    // timestamptz takes UTC only; Orleans' StartAt is UTC in practice, but its Kind may be Unspecified.
    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    private static async Task<List<ReminderEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = reader.GetFieldValue<DateTime>(2),
                Period = reader.GetFieldValue<TimeSpan>(3),
                ETag = reader.GetString(4),
            });
        }

        return entries;
    }
}
