using System.Security.Cryptography;
using System.Text;

namespace ActorRisk.Persistence.Tests.PostgreSql;

/// <summary>
/// The schema: the old runtime's migrations 1-4 kept as they were, so its databases upgrade in place and their
/// rows stay readable; migrations applied once under concurrency; the product's migrations (100+) on top.
/// </summary>
public sealed class MigrationTests
{
    // SHA-256 of the old runtime's scripts as they were last shipped (src/ActorRisk.Runtime.PostgreSql/Sql, before the
    // move to Orleans): databases it created recorded them as applied, so they must never change.
    private static readonly (int Version, string Name, string Sha256)[] OldRuntimeMigrations =
    [
        (1, "001_grain_state", "1440b3067e9ec02fd78057aa1632aaed0c285e6b1ae834b3921645c7a740956d"),
        (2, "002_reminders", "f1ae9018bdee46cb04e127110388d0d46a94fc70971f43a3ea7a5d3f3607125f"),
        (3, "003_grain_request", "9603fbe6ce387111cb67a16bd6883c93737d300912a80c91e686e206efdda73b"),
        (4, "004_grain_state_by_type", "2ce02ea4660db93804eea5d35d5bf731886f3f13f7a1f97364e8527ae66f634e"),
    ];

    [Fact]
    public void MigrationsOneToFourAreTheOldRuntimesAndTheStorageKeepsToVersionsBelow100()
    {
        Assert.Equal(
            OldRuntimeMigrations,
            PostgresSchema.Migrations.Take(4).Select(m => (m.Version, m.Name, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(m.Sql))))));
        Assert.Equal(["005_grain_state_unfenced", "006_orleans_reminders", "007_orleans_membership"], PostgresSchema.Migrations.Skip(4).Select(m => m.Name));
        Assert.All(PostgresSchema.Migrations, m => Assert.InRange(m.Version, 1, 99));
    }

    [Fact]
    public async Task ProvidersStartingTogetherMigrateOnce()
    {
        var connectionString = await TestDatabase.CreateAsync("migrate_race");
        var storages = Enumerable.Range(0, 4).Select(_ => new DirectStorage(connectionString)).ToList();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reads = storages.Select(s => Task.Run(async () =>
            {
                await start.Task;
                await s.Storage.ReadStateAsync("account", Grains.NewId(), Grains.Empty<AccountState>());
            })).ToList();
            start.SetResult();
            await Task.WhenAll(reads).Within();
        }
        finally
        {
            foreach (var storage in storages)
            {
                await storage.DisposeAsync();
            }
        }

        Assert.Equal(
            PostgresSchema.Migrations.Select(m => m.Version),
            await VersionsAsync(connectionString));
    }

    [Fact]
    public async Task AnOldRuntimeDatabaseIsUpgradedInPlaceAndItsRowsAreReadAndWritten()
    {
        var connectionString = await TestDatabase.CreateAsync("migrate_old");
        await using (var oldDataSource = NpgsqlDataSource.Create(connectionString))
        {
            // The old runtime's schema: its four scripts, which the storage keeps unchanged (checked above).
            await PostgresSchema.MigrateAsync(oldDataSource, PostgresSchema.Migrations.Take(4));
        }

        // Rows as the old runtime wrote them (partition id, schema version, camelCase JSON with enum names), a
        // request record, and the product's dedicated merchant tables (its migration 103).
        await TestDatabase.ExecuteAsync(connectionString, """
            INSERT INTO grain_state (grain_type, grain_key, state_name, partition_id, version, schema_version, state) VALUES
              ('card', 'tok_1', 'card', 17, 3, 1, '{"owner":"tok_1","balance":250,"status":"Frozen","entries":["a","b"]}'),
              ('merchant', 'm_1', 'merchant-summary', 5, 2, 1, '{"owner":"m_1","balance":9,"status":"Open","entries":[]}');
            INSERT INTO grain_request (scope, request_id, grain_type, grain_key, answer, applied_at)
              VALUES ('authorization', 'a1', 'card', 'tok_1', '{"approved":true}', now());
            SELECT grain_state_dedicate_type('merchant', 'grain_state_merchant');
            SELECT grain_state_dedicate_state('grain_state_merchant', 'merchant-summary', 'grain_state_merchant_summary');
            """);

        await using var direct = new DirectStorage(connectionString);
        var card = GrainId.Create("card", "tok_1");
        var read = Grains.Empty<AccountState>();
        await direct.Storage.ReadStateAsync("card", card, read);

        Assert.True(read.RecordExists);
        Assert.Equal("3", read.ETag);
        Assert.Equal(AccountStatus.Frozen, read.State!.Status);
        Assert.Equal(250, read.State.Balance);
        Assert.Equal(["a", "b"], read.State.Entries);

        read.State.Balance = 260;
        await direct.Storage.WriteStateAsync("card", card, read);
        Assert.Equal("4", read.ETag);
        Assert.Equal(17, (await TestDatabase.ReadRowAsync(connectionString, card, "card"))!.PartitionId);

        var summary = Grains.Empty<AccountState>();
        var merchant = GrainId.Create("merchant", "m_1");
        await direct.Storage.ReadStateAsync("merchant-summary", merchant, summary);
        Assert.Equal("2", summary.ETag);
        summary.State!.Balance = 10;
        await direct.Storage.WriteStateAsync("merchant-summary", merchant, summary);
        Assert.Equal(10L, await TestDatabase.ScalarAsync<long>(connectionString,
            "SELECT (state->>'balance')::bigint FROM grain_state_merchant_summary WHERE grain_key = 'm_1'"));

        var fresh = Grains.NewId("card");
        await direct.Storage.WriteStateAsync("card", fresh, Grains.State(new AccountState()));
        Assert.Equal(0, (await TestDatabase.ReadRowAsync(connectionString, fresh, "card"))!.PartitionId);

        Assert.Equal(PostgresSchema.Migrations.Select(m => m.Version), await VersionsAsync(connectionString));
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_indexes WHERE indexdef LIKE '%(partition_id)%'"));
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM grain_request"));
    }

    [Fact]
    public async Task TheProductsMigrationsRunOnTopAndCanDedicateTablesToGrainTypes()
    {
        var connectionString = await TestDatabase.CreateAsync("migrate_product");
        await using var direct = new DirectStorage(connectionString);
        var merchant = Grains.NewId("merchant");
        await direct.Storage.WriteStateAsync("merchant-summary", merchant, Grains.State(new AccountState { Owner = "before" }));

        await using (var dataSource = PostgresDatabase.CreateDataSource(connectionString))
        {
            SchemaMigration[] product =
            [
                new(103, "103_merchant_summary_table", """
                    SELECT grain_state_dedicate_type('merchant', 'grain_state_merchant');
                    SELECT grain_state_dedicate_state('grain_state_merchant', 'merchant-summary', 'grain_state_merchant_summary');
                    """),
            ];
            await PostgresSchema.MigrateAsync(dataSource, [.. PostgresSchema.Migrations, .. product]);
            await PostgresSchema.MigrateAsync(dataSource, [.. PostgresSchema.Migrations, .. product]); // again: nothing to do
        }

        var read = Grains.Empty<AccountState>();
        await direct.Storage.ReadStateAsync("merchant-summary", merchant, read);
        Assert.Equal("before", read.State!.Owner);
        read.State.Owner = "after";
        await direct.Storage.WriteStateAsync("merchant-summary", merchant, read);
        var other = Grains.NewId("merchant");
        await direct.Storage.WriteStateAsync("merchant-summary", other, Grains.State(new AccountState { Owner = "new" }));

        Assert.Equal(2L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM grain_state_merchant_summary"));
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM grain_state_default WHERE grain_type = 'merchant'"));
        Assert.Contains(103, await VersionsAsync(connectionString));
    }

    [Fact]
    public async Task AVersionClaimedByTwoComponentsIsRefused()
    {
        var connectionString = await TestDatabase.CreateAsync("migrate_clash");
        await using var dataSource = PostgresDatabase.CreateDataSource(connectionString);
        await PostgresSchema.MigrateAsync(dataSource);

        var clash = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresSchema.MigrateAsync(
            dataSource, [new SchemaMigration(5, "005_product_table", "CREATE TABLE product_table (id int)")]));

        Assert.Contains("005_grain_state_unfenced", clash.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'product_table'"));
    }

    private static async Task<List<int>> VersionsAsync(string connectionString)
    {
        await using var connection = await TestDatabase.OpenAsync(connectionString);
        await using var command = new NpgsqlCommand("SELECT version FROM actorrisk_schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
