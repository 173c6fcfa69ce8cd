using Npgsql;

namespace ActorRisk.Silo.Tests.Support;

/// <summary>Reads everything a silo stored in its PostgreSQL database, table by table, as text.</summary>
public static class PostgresScan
{
    /// <summary>Every row of every table in the public schema, as "table: row text".</summary>
    public static async Task<IReadOnlyList<string>> AllRowsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var tables = new List<string>();
        await using (var command = dataSource.CreateCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = new List<string>();
        foreach (var table in tables)
        {
            // A row as text includes every column; jsonb state is rendered as its JSON text.
            await using var command = dataSource.CreateCommand($"SELECT t::text FROM \"{table}\" AS t");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add($"{table}: {reader.GetString(0)}");
            }
        }

        return rows;
    }

    /// <summary>Each grain_state row's state JSON, by grain type and key.</summary>
    public static async Task<IReadOnlyList<(string Type, string Key, string State)>> GrainStatesAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT grain_type, grain_key, state::text FROM grain_state");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    /// <summary>The first column of the first row of a query, or default when there is none.</summary>
    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteScalarAsync() is T value ? value : default;
    }
}
