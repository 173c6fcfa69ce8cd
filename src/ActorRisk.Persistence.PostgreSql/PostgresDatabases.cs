using System.Collections.Concurrent;

namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// The silo's databases, one per connection string: grain storages, the reminder table and the product's read
/// models on the same connection string share one pool (PostgreSQL's max_connections is the scarce resource) and
/// one migration. Registered as a singleton; disposes the pools with the service provider.
/// </summary>
public sealed class PostgresDatabases : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<PostgresDatabase>> databases = new(StringComparer.Ordinal);

    public PostgresDatabase Get(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return databases.GetOrAdd(connectionString, static cs => new Lazy<PostgresDatabase>(() => PostgresDatabase.Create(cs))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in databases.Values.Where(d => d.IsValueCreated))
        {
            await database.Value.DisposeAsync().ConfigureAwait(false);
        }

        databases.Clear();
    }
}
