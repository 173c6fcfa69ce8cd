namespace ActorRisk.Runtime.PostgreSql;

/// <summary>One PostgreSQL database used by the runtime: a pooled data source, migrated once before first use.</summary>
public sealed class PostgresDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private readonly Lock sync = new();
    private Task? migration;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>
    /// A database for <paramref name="connectionString"/>. Unless the connection string says otherwise, Npgsql
    /// prepares the runtime's few statements automatically (Max Auto Prepare): without it PostgreSQL parses and
    /// plans every write again, which costs more CPU than the write itself (docs/benchmarks.md). Nor does it reset
    /// a pooled connection's session (No Reset On Close): that costs six statements per use of a connection, and
    /// the runtime never leaves session state behind (its only lock is transaction-scoped).
    /// </summary>
    public static PostgresDatabase Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 16;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return new(NpgsqlDataSource.Create(builder.ConnectionString));
    }

    /// <summary>Runs the migrations on the first call; later calls share that task. A failed migration is tried again.</summary>
    public Task EnsureMigratedAsync()
    {
        lock (sync)
        {
            if (migration is null || migration.IsFaulted || migration.IsCanceled)
            {
                migration = PostgresSchema.MigrateAsync(DataSource);
            }

            return migration;
        }
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
