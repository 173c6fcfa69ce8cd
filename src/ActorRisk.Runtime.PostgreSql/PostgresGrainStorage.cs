using System.Text;
using ActorRisk.Runtime.Persistence;

namespace ActorRisk.Runtime.PostgreSql;

/// <summary>
/// Grain state in PostgreSQL: one row per grain state, keyed by (grain type, key, state name), with a version
/// checked on every write in the same statement as the write fence. Writes go through group commit unless
/// it is switched off.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    private readonly PostgresDatabase database;
    private readonly PostgresStorageOptions options;
    private readonly IWriteFence fence;
    private readonly int partitionCount;
    private readonly GroupCommitWriter? groupCommit;
    private readonly GroupReader? groupRead;
    private readonly TimeProvider clock;

    /// <param name="clock">Stamps request records, so their retention follows the runtime's clock.</param>
    public PostgresGrainStorage(PostgresDatabase database, PostgresStorageOptions options, IWriteFence fence, int partitionCount, TimeProvider? clock = null)
    {
        this.clock = clock ?? TimeProvider.System;
        this.database = database;
        this.options = options;
        this.fence = fence;
        this.partitionCount = partitionCount;
        if (options.GroupCommit)
        {
            groupCommit = new GroupCommitWriter(database.DataSource, fence, options.MaxBatchSize, options.MaxConcurrentBatches);
        }

        if (options.GroupRead)
        {
            groupRead = new GroupReader(database.DataSource, options.MaxBatchSize, options.MaxConcurrentBatches);
        }
    }

    public async Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await database.EnsureMigratedAsync().ConfigureAwait(false);
        if (groupRead is not null)
        {
            return await groupRead.ReadAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
        }

        await using var command = database.DataSource.CreateCommand(
            "SELECT state, schema_version, version FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new StoredState(reader.GetFieldValue<byte[]>(0), reader.GetInt32(1), reader.GetInt64(2));
    }

    public async Task<long> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> json, int schemaVersion, long? expectedVersion, CancellationToken cancellationToken)
    {
        var outcome = await WriteAsync(new StateWrite(grainId, stateName, grainId.Partition(partitionCount), json, schemaVersion, expectedVersion), cancellationToken).ConfigureAwait(false);
        return outcome.Version ?? throw Conflict(grainId, stateName, expectedVersion);
    }

    public async Task<RequestWriteResult> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> json, int schemaVersion, long? expectedVersion, RequestRecord request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await WriteAsync(new StateWrite(grainId, stateName, grainId.Partition(partitionCount), json, schemaVersion, expectedVersion, request, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return outcome.Duplicate is { } duplicate
            ? new RequestWriteResult(expectedVersion ?? 0, duplicate)
            : new RequestWriteResult(outcome.Version ?? throw Conflict(grainId, stateName, expectedVersion), null);
    }

    public async Task<IReadOnlyList<string>> ListKeysAsync(string grainType, string stateName, string? afterKey, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await database.EnsureMigratedAsync().ConfigureAwait(false);

        // Walks the primary key (grain_type, grain_key, state_name) in its own order: each page is one index range.
        await using var command = database.DataSource.CreateCommand(
            "SELECT grain_key FROM grain_state WHERE grain_type = $1 AND state_name = $2 AND ($3::text IS NULL OR grain_key > $3) ORDER BY grain_key LIMIT $4");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var keys = new List<string>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public async Task<AppliedRequest?> ReadRequestAsync(RequestId request, CancellationToken cancellationToken)
    {
        await database.EnsureMigratedAsync().ConfigureAwait(false);
        await using var command = database.DataSource.CreateCommand(
            "SELECT grain_type, grain_key, answer, applied_at FROM grain_request WHERE scope = $1 AND request_id = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.Scope });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.Id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new AppliedRequest(request, new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<DateTimeOffset>(3));
    }

    /// <summary>Deletes in slices, so a large backlog never holds one long transaction or lock.</summary>
    public async Task<long> PurgeRequestsAsync(DateTimeOffset appliedBefore, CancellationToken cancellationToken)
    {
        await database.EnsureMigratedAsync().ConfigureAwait(false);
        long purged = 0;
        while (true)
        {
            await using var command = database.DataSource.CreateCommand(
                "DELETE FROM grain_request WHERE ctid = ANY (ARRAY(SELECT ctid FROM grain_request WHERE applied_at < $1 LIMIT $2))");
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = appliedBefore });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.PurgeSliceSize });
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            purged += deleted;
            if (deleted < options.PurgeSliceSize)
            {
                return purged;
            }
        }
    }

    private async Task<StateWriteOutcome> WriteAsync(StateWrite write, CancellationToken cancellationToken)
    {
        await database.EnsureMigratedAsync().ConfigureAwait(false);
        if (groupCommit is not null)
        {
            return await groupCommit.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var command = write.ToCommand(connection, fence);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await write.ReadOutcomeAsync(reader).ConfigureAwait(false);
            }
            catch (PostgresException exception) when (attempt < 3 && StateWrite.IsRequestRace(exception))
            {
                // Another transaction recorded this request id first and has committed: the next attempt sees it.
            }
        }
    }

    private static InconsistentStateException Conflict(GrainId grainId, string stateName, long? expectedVersion) => new(
        $"State '{stateName}' of {grainId} was not written: it is no longer at version {expectedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}, or this silo no longer owns the grain.");

    public async Task ClearAsync(GrainId grainId, string stateName, long? expectedVersion, CancellationToken cancellationToken)
    {
        await database.EnsureMigratedAsync().ConfigureAwait(false);
        if (expectedVersion is null)
        {
            return;
        }

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $4 AND ({fence.Predicate(5)})",
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion.Value });
        fence.AddParameters(command.Parameters, grainId, grainId.Partition(partitionCount));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            throw new InconsistentStateException($"State '{stateName}' of {grainId} was not cleared: it is no longer at version {expectedVersion}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (groupCommit is not null)
        {
            await groupCommit.DisposeAsync().ConfigureAwait(false);
        }

        if (groupRead is not null)
        {
            await groupRead.DisposeAsync().ConfigureAwait(false);
        }
    }
}
