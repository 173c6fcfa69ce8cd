namespace ActorRisk.Runtime.PostgreSql;

/// <summary>One PostgreSQL database used by the runtime: a pooled data source, migrated once before first use.</summary>
public sealed class PostgresDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private readonly Lock sync = new();
    private Task? migration;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public static PostgresDatabase Create(string connectionString) => new(NpgsqlDataSource.Create(connectionString));

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
