namespace ActorRisk.ReadModels.Tests;

/// <summary>Fresh databases on the test process's PostgreSQL server, and what a test reads back from them.</summary>
internal static class TestDatabase
{
    public static async Task<string> CreateAsync(string prefix) => await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync(prefix);

    public static async Task<List<(int Version, string Name)>> HistoryAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT version, name FROM actorrisk_schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var history = new List<(int, string)>();
        while (await reader.ReadAsync())
        {
            history.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return history;
    }

    public static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
