using System.Reflection;

namespace ActorRisk.Runtime.PostgreSql;

/// <summary>One versioned SQL script. Versions are unique across components: the runtime uses 1-99, the silo 100 and up.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql)
{
    /// <summary>Reads embedded resources named {prefix}NNN_name.sql from <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<SchemaMigration> FromEmbeddedResources(Assembly assembly, string prefix) =>
        [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new SchemaMigration(int.Parse(file[..3], System.Globalization.CultureInfo.InvariantCulture), file, reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)];
}

/// <summary>
/// Applies versioned SQL scripts once each, in order, inside one transaction under an advisory lock, so several
/// silos starting together migrate exactly once. Idempotent. The runtime's scripts are in Sql/ (embedded).
/// </summary>
public static class PostgresSchema
{
    private const long MigrationLockKey = 0x4163746f72526973; // "ActorRis"

    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
        SchemaMigration.FromEmbeddedResources(typeof(PostgresSchema).Assembly, "ActorRisk.Runtime.PostgreSql.Sql.");

    public static Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default) =>
        MigrateAsync(dataSource, Migrations, cancellationToken);

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, IEnumerable<SchemaMigration> migrations, CancellationToken cancellationToken = default)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        if (ordered.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new InvalidOperationException($"Two migrations have version {clash.Key}: {string.Join(", ", clash.Select(m => m.Name))}.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS actorrisk_schema_migrations (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, cancellationToken).ConfigureAwait(false);

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand("SELECT version FROM actorrisk_schema_migrations", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var migration in ordered.Where(m => !applied.Contains(m.Version)))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO actorrisk_schema_migrations (version, name) VALUES ($1, $2)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
