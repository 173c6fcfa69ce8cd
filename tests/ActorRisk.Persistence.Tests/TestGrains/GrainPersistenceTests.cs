using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Persistence.Tests.TestGrains;

/// <summary>
/// End to end in a silo: a grain's [PersistentState] and its reminders go through this package's storage and
/// reminder table (one connection string, one pool), survive deactivation and silo restarts, and a conflicting
/// write deactivates the grain so its next call reloads what is stored.
/// </summary>
public sealed class GrainPersistenceTests
{
    private static Task<TestSiloHost> StartAsync(string connectionString) =>
        TestSiloHost.StartAsync(silo => silo
            .AddPostgresGrainStorage("accounts", o =>
            {
                o.ConnectionString = connectionString;
                o.GrainStorageSerializer = TestJsonSerializer.Instance;
            })
            .UsePostgresReminderService(o => o.ConnectionString = connectionString));

    [Fact]
    public async Task GrainStateIsStoredReloadedAfterDeactivationAndRestartAndCleared()
    {
        var connectionString = await TestDatabase.CreateAsync("grains");
        var id = GrainId.Create("account", "acc-1");
        await using (var silo = await StartAsync(connectionString))
        {
            var account = Factory(silo).GetGrain<IAccountGrain>("acc-1");
            Assert.Equal(10, await account.DepositAsync(10));
            Assert.Equal(15, await account.DepositAsync(5));
            Assert.Equal("2", await account.EtagAsync());

            var row = await TestDatabase.ReadRowAsync(connectionString, id, "account");
            Assert.Equal(2, row!.Version);
            Assert.Contains("\"balance\": 15", row.Json, StringComparison.Ordinal);

            await account.DeactivateAsync();
            Assert.Equal(15, await account.BalanceAsync());
        }

        await using (var silo = await StartAsync(connectionString))
        {
            var account = Factory(silo).GetGrain<IAccountGrain>("acc-1");
            Assert.Equal(15, await account.BalanceAsync());

            await account.CloseAsync();
            Assert.Null(await TestDatabase.ReadRowAsync(connectionString, id, "account"));
            Assert.Equal(0, await account.BalanceAsync());
            Assert.Equal(3, await account.DepositAsync(3));
        }
    }

    [Fact]
    public async Task AConflictingWriteFailsTheCallAndTheNextCallReloadsTheStoredState()
    {
        var connectionString = await TestDatabase.CreateAsync("grains_conflict");
        await using var silo = await StartAsync(connectionString);
        var account = Factory(silo).GetGrain<IAccountGrain>("acc-2");
        await account.DepositAsync(1);

        // Another writer (a duplicate activation elsewhere, an operator) moves the row on.
        await TestDatabase.ExecuteAsync(connectionString,
            "UPDATE grain_state SET state = jsonb_set(state, '{balance}', '100'), version = version + 1 WHERE grain_key = 'acc-2'");

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => account.DepositAsync(1));
        Assert.Equal(101, await account.DepositAsync(1));
    }

    [Fact]
    public async Task AGrainReadsARowTheOldRuntimeWrote()
    {
        var connectionString = await TestDatabase.CreateAsync("grains_old");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await PostgresSchema.MigrateAsync(dataSource, PostgresSchema.Migrations.Take(4)); // the old runtime's schema
        }

        await TestDatabase.ExecuteAsync(connectionString, """
            INSERT INTO grain_state (grain_type, grain_key, state_name, partition_id, version, schema_version, state)
            VALUES ('account', 'legacy', 'account', 3, 7, 1, '{"owner":"legacy","balance":70,"status":"Closed","entries":[]}')
            """);
        await using var silo = await StartAsync(connectionString);
        var account = Factory(silo).GetGrain<IAccountGrain>("legacy");

        Assert.Equal(70, await account.BalanceAsync());
        Assert.Equal("7", await account.EtagAsync());
        Assert.Equal(75, await account.DepositAsync(5));
        Assert.Equal(8, (await TestDatabase.ReadRowAsync(connectionString, GrainId.Create("account", "legacy"), "account"))!.Version);
    }

    [Fact]
    public async Task RemindersAreRowsOfTheReminderTable()
    {
        var connectionString = await TestDatabase.CreateAsync("grains_reminders");
        await using var silo = await StartAsync(connectionString);
        var account = Factory(silo).GetGrain<IAccountGrain>("acc-3");

        await account.StartRemindingAsync();
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM orleans_reminders WHERE grain_id = 'account/acc-3' AND reminder_name = 'statement'"));

        await account.StopRemindingAsync();
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleans_reminders"));
    }

    private static IGrainFactory Factory(TestSiloHost silo) => silo.Services.GetRequiredService<IGrainFactory>();
}
