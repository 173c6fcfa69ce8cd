using System.Text.Json;
using ActorRisk.Runtime.Persistence;
using ActorRisk.Runtime.Tests.Grains;
using ActorRisk.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ActorRisk.Runtime.Tests;

/// <summary>Versioned state schemas in PostgreSQL rows, and idempotent migrations.</summary>
public sealed class SchemaTests
{
    private static Task<TestSilo> StartAsync(string connectionString, ProfileUpgrader? upgrader = null) =>
        TestSilo.StartAsync(
            b => b
                .AddGrain<IProfileGrain, ProfileGrain>("profile", (i, id) => new ProfileGrainReference(i, id))
                .AddGrain<IBagGrain, BagGrain>("bag", (i, id) => new BagGrainReference(i, id))
                .AddPostgresGrainStorage(connectionString),
            s =>
            {
                if (upgrader is not null)
                {
                    s.AddSingleton<IStateUpgrader<ProfileState>>(upgrader);
                }
            });

    [Fact]
    public async Task AnOlderSchemaRowIsUpgradedOnReadAndRewrittenInTheNewSchema()
    {
        var connectionString = await TestDatabase.CreateAsync("upgrade");
        await TestDatabase.MigrateAsync(connectionString);
        var id = new GrainId("profile", "ada");
        await TestDatabase.InsertStateAsync(connectionString, id, "profile", version: 4, schemaVersion: 1, """{"fullName": "Ada Lovelace"}""");
        var upgrader = new ProfileUpgrader();
        await using var silo = await StartAsync(connectionString, upgrader);
        var grain = silo.GrainFactory.GetGrain<IProfileGrain>("ada");

        Assert.Equal(new ProfileState { FirstName = "Ada", LastName = "Lovelace" }, await grain.GetAsync());
        Assert.Equal(1, upgrader.Calls);
        Assert.Equal(1, (await TestDatabase.ReadStateAsync(connectionString, id, "profile"))!.SchemaVersion); // reading alone rewrites nothing

        await grain.SetAsync(new ProfileState { FirstName = "Augusta Ada", LastName = "King" });

        var row = await TestDatabase.ReadStateAsync(connectionString, id, "profile");
        Assert.Equal(5, row!.Version);
        Assert.Equal(2, row.SchemaVersion);
        using var json = JsonDocument.Parse(row.Json);
        Assert.Equal("Augusta Ada", json.RootElement.GetProperty("firstName").GetString());
        Assert.False(json.RootElement.TryGetProperty("fullName", out _));
    }

    [Fact]
    public async Task ARowFromANewerSchemaIsRefusedAndNeverOverwritten()
    {
        var connectionString = await TestDatabase.CreateAsync("newer");
        await TestDatabase.MigrateAsync(connectionString);
        var id = new GrainId("profile", "future");
        const string futureJson = """{"names": ["Grace", "Hopper"]}""";
        await TestDatabase.InsertStateAsync(connectionString, id, "profile", version: 9, schemaVersion: 3, futureJson);
        await using var silo = await StartAsync(connectionString, new ProfileUpgrader());
        var grain = silo.GrainFactory.GetGrain<IProfileGrain>("future");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.GetAsync());
        Assert.Contains("schema version 3", refused.Message, StringComparison.Ordinal);
        Assert.Contains("newer", refused.Message, StringComparison.Ordinal);

        // Every later call is refused the same way (activation retried, and failing again); nothing is written.
        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.SetAsync(new ProfileState { FirstName = "x" }));
        var row = await TestDatabase.ReadStateAsync(connectionString, id, "profile");
        Assert.Equal(9, row!.Version);
        Assert.Equal(3, row.SchemaVersion);
        using var expected = JsonDocument.Parse(futureJson);
        using var stored = JsonDocument.Parse(row.Json);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, stored.RootElement), row.Json);
    }

    [Fact]
    public async Task RowsWithoutANewFieldOrWithARemovedOneReadFine()
    {
        var connectionString = await TestDatabase.CreateAsync("fields");
        await TestDatabase.MigrateAsync(connectionString);
        var id = new GrainId("bag", "old");
        await TestDatabase.InsertStateAsync(connectionString, id, "bag", version: 1, schemaVersion: 1, """{"count": 7, "obsolete": true}""");
        await using var silo = await StartAsync(connectionString);
        var grain = silo.GrainFactory.GetGrain<IBagGrain>("old");

        var state = await grain.GetAsync();
        Assert.Equal(7, state.Count);
        Assert.Equal("unlabelled", state.Label);
        Assert.Empty(state.Tags);

        await grain.AddAsync("red");
        var row = await TestDatabase.ReadStateAsync(connectionString, id, "bag");
        using var json = JsonDocument.Parse(row!.Json);
        Assert.Equal(2, row.Version);
        Assert.Equal(8, json.RootElement.GetProperty("count").GetInt32());
        Assert.Equal("unlabelled", json.RootElement.GetProperty("label").GetString());
        Assert.Equal("red", json.RootElement.GetProperty("tags")[0].GetString());
    }

    [Fact]
    public void SerializerRefusesNewerSchemaAndUpgradesOlderOne()
    {
        var serializer = new GrainStateSerializer();
        var id = new GrainId("profile", "unit");
        var upgrader = new ProfileUpgrader();

        Assert.Equal(2, GrainStateSerializer.SchemaVersionOf<ProfileState>());
        Assert.Equal(1, GrainStateSerializer.SchemaVersionOf<BagState>());
        var upgraded = serializer.Deserialize(new StoredState("""{"fullName":"Alan Turing"}"""u8.ToArray(), 1, 1), upgrader, id, "profile");
        Assert.Equal(new ProfileState { FirstName = "Alan", LastName = "Turing" }, upgraded);
        var current = serializer.Deserialize(new StoredState(serializer.Serialize(upgraded), 2, 2), upgrader, id, "profile");
        Assert.Equal(upgraded, current);
        Assert.Equal(1, upgrader.Calls); // a current-schema row is not sent through the upgrader
        Assert.Throws<InvalidOperationException>(() => serializer.Deserialize(new StoredState("{}"u8.ToArray(), 3, 1), upgrader, id, "profile"));
    }

    [Fact]
    public async Task MigrationsAreIdempotent()
    {
        var connectionString = await TestDatabase.CreateAsync("migrate");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        await PostgresSchema.MigrateAsync(dataSource);
        await PostgresSchema.MigrateAsync(dataSource);

        await AssertMigratedAsync(connectionString);
    }

    [Fact]
    public async Task ConcurrentMigrationsApplyEachFileOnce()
    {
        var connectionString = await TestDatabase.CreateAsync("migrate_concurrent");
        var dataSources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();
        try
        {
            await Task.WhenAll(dataSources.Select(d => Task.Run(() => PostgresSchema.MigrateAsync(d)))).Within();
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }

        await AssertMigratedAsync(connectionString);
    }

    [Fact]
    public void MigrationFilesAreNumberedInOrderFromOne()
    {
        var versions = PostgresSchema.Migrations.Select(m => m.Version).ToList();

        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
        Assert.Contains(PostgresSchema.Migrations, m => m.Name == "001_grain_state" && m.Sql.Contains("grain_state_pk", StringComparison.Ordinal));
        Assert.Contains(PostgresSchema.Migrations, m => m.Name == "002_reminders" && m.Sql.Contains("grain_reminders", StringComparison.Ordinal));
    }

    private static async Task AssertMigratedAsync(string connectionString)
    {
        Assert.Equal(PostgresSchema.Migrations.Count, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM actorrisk_schema_migrations"));
        Assert.Equal(
            PostgresSchema.Migrations.Count,
            await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(DISTINCT version) FROM actorrisk_schema_migrations"));
        Assert.Equal(
            2,
            await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_tables WHERE tablename IN ('grain_state', 'grain_reminders')"));
    }
}
