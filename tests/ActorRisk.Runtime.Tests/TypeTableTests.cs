using ActorRisk.Runtime.Tests.Grains;
using ActorRisk.Runtime.Tests.Support;
using Npgsql;

namespace ActorRisk.Runtime.Tests;

/// <summary>
/// grain_state partitioned by grain type (migration 004): an existing table converts without losing a row, a
/// grain type or one of its states can get a table of its own, and an index on one type's state leaves the
/// other types' updates in place (HOT).
/// </summary>
public sealed class TypeTableTests
{
    private static Task<TestSilo> StartAsync(string connectionString) =>
        TestSilo.StartAsync(b => b
            .AddGrain<IProfileGrain, ProfileGrain>("profile", (i, id) => new ProfileGrainReference(i, id))
            .AddPostgresGrainStorage(connectionString));

    [Fact]
    public async Task AnExistingGrainStateTableBecomesTheDefaultPartitionWithEveryRow()
    {
        var connectionString = await TestDatabase.CreateAsync("bytype_convert");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await PostgresSchema.MigrateAsync(dataSource, PostgresSchema.Migrations.Where(m => m.Version < 4));
        }

        for (var i = 0; i < 50; i++)
        {
            await TestDatabase.InsertStateAsync(connectionString, new GrainId("profile", $"p{i}"), "profile", version: 3, schemaVersion: 2, $$"""{"firstName": "F{{i}}", "lastName": "L"}""");
        }

        await TestDatabase.MigrateAsync(connectionString);

        Assert.Equal("p", await TestDatabase.ScalarAsync<string>(connectionString, "SELECT relkind::text FROM pg_class WHERE relname = 'grain_state'"));
        Assert.Equal(50L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM grain_state_default"));
        await using var silo = await StartAsync(connectionString);
        var grain = silo.GrainFactory.GetGrain<IProfileGrain>("p7");
        Assert.Equal(new ProfileState { FirstName = "F7", LastName = "L" }, await grain.GetAsync());
        await grain.SetAsync(new ProfileState { FirstName = "Seven", LastName = "L" });
        Assert.Equal(4, (await TestDatabase.ReadStateAsync(connectionString, new GrainId("profile", "p7"), "profile"))!.Version);

        await TestDatabase.MigrateAsync(connectionString); // again: nothing to do
        Assert.Equal(50L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM grain_state"));
    }

    [Fact]
    public async Task ADedicatedTypeAndStateTakeTheirRowsAndNewWritesGoThere()
    {
        var connectionString = await TestDatabase.CreateAsync("bytype_dedicate");
        await TestDatabase.MigrateAsync(connectionString);
        await TestDatabase.InsertStateAsync(connectionString, new GrainId("profile", "ada"), "profile", version: 2, schemaVersion: 2, """{"firstName": "Ada", "lastName": "Lovelace"}""");
        await TestDatabase.InsertStateAsync(connectionString, new GrainId("profile", "ada"), "notes", version: 1, schemaVersion: 1, """{"text": "first"}""");
        await TestDatabase.InsertStateAsync(connectionString, new GrainId("bag", "b1"), "bag", version: 1, schemaVersion: 1, """{"items": []}""");

        await TestDatabase.ExecuteAsync(connectionString, "SELECT grain_state_dedicate_type('profile', 'grain_state_profile')");
        await TestDatabase.ExecuteAsync(connectionString, "SELECT grain_state_dedicate_state('grain_state_profile', 'notes', 'grain_state_profile_notes')");
        await TestDatabase.ExecuteAsync(connectionString, "SELECT grain_state_dedicate_type('profile', 'grain_state_profile')"); // idempotent

        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM grain_state_default"));
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM grain_state_profile_other"));
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM grain_state_profile_notes"));

        await using var silo = await StartAsync(connectionString);
        var ada = silo.GrainFactory.GetGrain<IProfileGrain>("ada");
        Assert.Equal("Ada", (await ada.GetAsync()).FirstName);
        await ada.SetAsync(new ProfileState { FirstName = "Augusta Ada", LastName = "King" });
        await silo.GrainFactory.GetGrain<IProfileGrain>("grace").SetAsync(new ProfileState { FirstName = "Grace", LastName = "Hopper" });

        Assert.Equal(2L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM grain_state_profile_other"));
        Assert.Equal(3, (await TestDatabase.ReadStateAsync(connectionString, new GrainId("profile", "ada"), "profile"))!.Version);
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM grain_state_default"));
    }

    [Fact]
    public async Task AnIndexOnOneTypesStateLeavesTheOtherTypesUpdatesInPlace()
    {
        var connectionString = await TestDatabase.CreateAsync("bytype_hot");
        await TestDatabase.MigrateAsync(connectionString);
        await TestDatabase.ExecuteAsync(connectionString, "SELECT grain_state_dedicate_type('bag', 'grain_state_bag')");
        await TestDatabase.ExecuteAsync(connectionString, "CREATE INDEX bag_size_ix ON grain_state_bag ((state->>'size'))");
        for (var i = 0; i < 20; i++)
        {
            await TestDatabase.InsertStateAsync(connectionString, new GrainId("profile", $"p{i}"), "profile", version: 1, schemaVersion: 2, """{"firstName": "A", "lastName": "B"}""");
            await TestDatabase.InsertStateAsync(connectionString, new GrainId("bag", $"b{i}"), "bag", version: 1, schemaVersion: 1, """{"size": 1}""");
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var update = new NpgsqlCommand(
            """
            UPDATE grain_state SET state = jsonb_set(state, '{firstName}', '"C"'), version = version + 1 WHERE grain_type = 'profile';
            UPDATE grain_state SET state = '{"size": 2}', version = version + 1 WHERE grain_type = 'bag';
            SELECT pg_stat_force_next_flush();
            """,
            connection))
        {
            await update.ExecuteNonQueryAsync();
        }

        await using var stats = new NpgsqlCommand("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = $1", connection);
        stats.Parameters.Add(new NpgsqlParameter { Value = "grain_state_default" });
        await using (var reader = await stats.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(20L, reader.GetInt64(0));
            Assert.Equal(20L, reader.GetInt64(1)); // every profile update stayed on its page, with no index write
        }

        stats.Parameters[0].Value = "grain_state_bag_other";
        await using (var reader = await stats.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(20L, reader.GetInt64(0));
            Assert.Equal(0L, reader.GetInt64(1)); // the indexed expression changed: these had to update the index
        }
    }
}
