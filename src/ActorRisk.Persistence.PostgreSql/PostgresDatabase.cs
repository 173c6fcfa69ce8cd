namespace ActorRisk.Persistence.PostgreSql;

/// <summary>One PostgreSQL database: a pooled data source, and the storage's migrations applied once before first use.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly Lock sync = new();
    private Task? migration;

    public PostgresDatabase(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        DataSource = dataSource;
        Target = Describe(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString));
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Host, port, database and user, for messages: never the connection string, which may hold a password.</summary>
    public string Target { get; }

    /// <summary>
    /// A database for <paramref name="connectionString"/>. Unless the connection string says otherwise, Npgsql
    /// prepares the storage's few statements automatically (Max Auto Prepare): without it PostgreSQL parses and
    /// plans every write again, which costs more CPU than the write itself (docs/benchmarks.md). Nor does it reset
    /// a pooled connection's session (No Reset On Close): that costs a round trip of six statements per use of a
    /// connection, and the storage never leaves session state behind (its only lock is transaction-scoped).
    /// </summary>
    public static PostgresDatabase Create(string connectionString) => new(CreateDataSource(connectionString));

    /// <summary>The data source <see cref="Create"/> uses, for components that keep their own pool.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
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

        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>Runs the storage's migrations on the first call; later calls share that task. A failed migration is tried again.</summary>
    public Task EnsureMigratedAsync()
    {
        // Every read and write passes here: once migrated, no lock.
        if (Volatile.Read(ref migration) is { IsCompletedSuccessfully: true } done)
        {
            return done;
        }

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

    private static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"database '{builder.Database}' on {builder.Host}:{builder.Port} as '{builder.Username}'";
}
