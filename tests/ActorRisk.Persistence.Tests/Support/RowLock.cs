namespace ActorRisk.Persistence.Tests.Support;

/// <summary>
/// Holds one grain_state row locked in a transaction of its own, so a storage write to that row waits: a test can
/// then make a group-commit batch stand still at a known point, with a known content.
/// </summary>
internal sealed class RowLock : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    private RowLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    public static async Task<RowLock> TakeAsync(string connectionString, GrainId grainId, string stateName)
    {
        var connection = await TestDatabase.OpenAsync(connectionString);
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT 1 FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 FOR UPDATE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Type.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Key.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        Assert.Equal(1, await command.ExecuteScalarAsync());
        return new RowLock(connection, transaction);
    }

    /// <summary>The pid of a backend of this database waiting for a row lock (the storage's stuck batch).</summary>
    public static async Task<int> WaitForBlockedBackendAsync(string connectionString)
    {
        await using var connection = await TestDatabase.OpenAsync(connectionString);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var command = new NpgsqlCommand(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' LIMIT 1", connection);
            if (await command.ExecuteScalarAsync() is int pid)
            {
                return pid;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No storage write waited for the locked row.");
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
