namespace ActorRisk.Persistence.Tests.PostgreSql;

/// <summary>
/// A grain's repeated writes are HOT updates (in place, no index write): grain_state keeps free space in its pages
/// (fillfactor 70) and, since migration 005, no index but the primary key, whose columns a write never changes.
/// </summary>
public sealed class HotUpdateTests
{
    [Fact]
    public async Task RepeatedWritesOfOneGrainAreHotUpdates()
    {
        const int writes = 60;
        var connectionString = await TestDatabase.CreateAsync("hot");
        await using (var direct = new DirectStorage(connectionString, o => o.GroupCommit = false))
        {
            var id = Grains.NewId("card");
            var state = Grains.State(new AccountState());
            await direct.Storage.WriteStateAsync("card", id, state);
            for (var i = 1; i <= writes; i++)
            {
                state.State!.Balance = i;
                state.State.Entries = [$"entry {i}"];
                await direct.Storage.WriteStateAsync("card", id, state);
            }
        }

        // Backends report their table statistics when idle for a while or when they exit (the pool is closed now).
        var (updates, hot) = (0L, 0L);
        for (var attempt = 0; attempt < 100 && updates < writes; attempt++)
        {
            await Task.Delay(100);
            updates = await TestDatabase.ScalarAsync<long>(connectionString, "SELECT coalesce(sum(n_tup_upd), 0)::bigint FROM pg_stat_user_tables WHERE relname = 'grain_state_default'");
            hot = await TestDatabase.ScalarAsync<long>(connectionString, "SELECT coalesce(sum(n_tup_hot_upd), 0)::bigint FROM pg_stat_user_tables WHERE relname = 'grain_state_default'");
        }

        Assert.Equal(writes, updates);
        Assert.True(hot >= writes * 9 / 10, $"only {hot} of {updates} updates were HOT");
        Assert.Equal(70, await TestDatabase.ScalarAsync<int>(connectionString,
            "SELECT substring(array_to_string(reloptions, ',') from 'fillfactor=([0-9]+)')::int FROM pg_class WHERE relname = 'grain_state_default'"));
    }
}
