using ActorRisk.Persistence.PostgreSql;
using Npgsql;

namespace ActorRisk.ReadModels;

/// <summary>
/// The PostgreSQL database of the read models (merchant lists, audit log, alert outbox, card directory, portal keys):
/// a pooled data source, migrated once before first use with the grain storage's scripts (1-99: the merchant
/// summaries are grain state there) and the read models' own (100 and up, Sql/), in one transaction under one lock.
/// </summary>
public sealed class ReadModelDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public static IReadOnlyList<SchemaMigration> ReadModelMigrations { get; } =
        SchemaMigration.FromEmbeddedResources(typeof(ReadModelDatabase).Assembly, "ActorRisk.ReadModels.Sql.");

    private readonly Lock sync = new();
    private Task? migration;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public static ReadModelDatabase Create(string connectionString) => new(PostgresDatabase.CreateDataSource(connectionString));

    /// <summary>Runs the migrations on the first call; later calls share that task. A failed migration is tried again.</summary>
    public Task EnsureMigratedAsync()
    {
        lock (sync)
        {
            if (migration is null || migration.IsFaulted || migration.IsCanceled)
            {
                migration = PostgresSchema.MigrateAsync(DataSource, [.. PostgresSchema.Migrations, .. ReadModelMigrations]);
            }

            return migration;
        }
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
