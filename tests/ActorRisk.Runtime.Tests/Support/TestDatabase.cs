using Npgsql;

namespace ActorRisk.Runtime.Tests.Support;

/// <summary>Fresh databases on the shared test PostgreSQL server, and direct SQL for checking what is stored.</summary>
internal static class TestDatabase
{
    /// <summary>
    /// Creates an empty database. The pool is kept small so that tests running in parallel stay well below the
    /// server's max_connections.
    /// </summary>
    public static async Task<string> CreateAsync(string prefix, int maxPoolSize = 20)
    {
        var server = await PostgresServer.InstanceAsync();
        var connectionString = await server.CreateDatabaseAsync(prefix);
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize }.ConnectionString;
    }

    public static async Task MigrateAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await PostgresSchema.MigrateAsync(dataSource);
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    /// <summary>Inserts a grain_state row as an older (or newer) build would have written it.</summary>
    public static Task InsertStateAsync(string connectionString, GrainId grainId, string stateName, long version, int schemaVersion, string json) =>
        ExecuteAsync(
            connectionString,
            "INSERT INTO grain_state (grain_type, grain_key, state_name, partition_id, version, schema_version, state) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)",
            grainId.Type,
            grainId.Key,
            stateName,
            grainId.Partition(new GrainRuntimeOptions().PartitionCount),
            version,
            schemaVersion,
            json);

    /// <summary>Every stored row of one grain type and state: key, version, schema version and the state as JSON text.</summary>
    public static async Task<Dictionary<string, StoredRow>> ReadStatesAsync(string connectionString, string grainType, string stateName)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT grain_key, version, schema_version, state::text FROM grain_state WHERE grain_type = $1 AND state_name = $2",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = grainType });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        var rows = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = new StoredRow(reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3));
        }

        return rows;
    }

    public static async Task<StoredRow?> ReadStateAsync(string connectionString, GrainId grainId, string stateName) =>
        (await ReadStatesAsync(connectionString, grainId.Type, stateName)).GetValueOrDefault(grainId.Key);
}

internal sealed record StoredRow(long Version, int SchemaVersion, string Json);
