namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// Applies versioned SQL scripts once each, in order, inside one transaction under an advisory lock, so several
/// silos starting together migrate exactly once; running it again changes nothing. The history table
/// (actorrisk_schema_migrations) and the lock are the old runtime's, so its databases upgrade in place. The
/// product runs its own scripts (100 and up) through <see cref="MigrateAsync(NpgsqlDataSource, IEnumerable{SchemaMigration}, CancellationToken)"/>,
/// after the storage's: some of them call the storage's functions (grain_state_dedicate_type).
/// </summary>
public static class PostgresSchema
{
    private const long MigrationLockKey = 0x4163746f72526973; // "ActorRis": the old runtime's key, so old and new silos exclude each other

    /// <summary>The storage's own migrations (versions 1-99), embedded from Sql/.</summary>
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
        SchemaMigration.FromEmbeddedResources(typeof(PostgresSchema).Assembly, "ActorRisk.Persistence.PostgreSql.Sql.");

    /// <summary>Applies the storage's migrations.</summary>
    public static Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default) =>
        MigrateAsync(dataSource, Migrations, cancellationToken);

    /// <summary>
    /// Applies those of <paramref name="migrations"/> not yet recorded. Fails without changing anything if two
    /// share a version, or if a version is recorded under another name (two components claimed it).
    /// </summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, IEnumerable<SchemaMigration> migrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
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

        var applied = await ReadAppliedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        foreach (var migration in ordered)
        {
            if (applied.TryGetValue(migration.Version, out var recordedName))
            {
                if (!string.Equals(recordedName, migration.Name, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Migration version {migration.Version} is recorded as '{recordedName}', not '{migration.Name}': versions are unique across components " +
                        "(the storage uses 1-99, the product 100 and up); give the new script a free version.");
                }

                continue;
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO actorrisk_schema_migrations (version, name) VALUES ($1, $2)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, name FROM actorrisk_schema_migrations", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
