namespace ActorRisk.Persistence.Tests.Support;

/// <summary>Fresh databases on the shared test PostgreSQL server, and direct SQL to check what is stored.</summary>
internal static class TestDatabase
{
    /// <summary>An empty database; its pool is kept small so parallel tests stay well below max_connections.</summary>
    public static async Task<string> CreateAsync(string prefix, int maxPoolSize = 20)
    {
        var server = await PostgresServer.InstanceAsync();
        var connectionString = await server.CreateDatabaseAsync(prefix);
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize }.ConnectionString;
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    /// <summary>The stored row of one grain state: its version and its state as JSON text, or null.</summary>
    public static async Task<StoredRow?> ReadRowAsync(string connectionString, GrainId grainId, string stateName)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(
            "SELECT version, state::text, partition_id FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Type.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Key.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new StoredRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2)) : null;
    }

    /// <summary>A connection outside any pool, so terminating the storage's connections never hits it.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}

internal sealed record StoredRow(long Version, string Json, int PartitionId);
