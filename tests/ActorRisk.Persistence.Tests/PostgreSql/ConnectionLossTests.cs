using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace ActorRisk.Persistence.Tests.PostgreSql;

/// <summary>
/// Connections killed under the storage (pg_terminate_backend): whatever a caller was told is written is in the
/// table, nothing is half-written, and no caller of a lost batch is told it succeeded.
/// </summary>
public sealed class ConnectionLossTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ALostConnectionFailsEveryCallerOfItsBatchAndWritesNothingOfIt()
    {
        var connectionString = await TestDatabase.CreateAsync("lost_batch");
        await using var direct = new DirectStorage(connectionString, o => o.MaxConcurrentBatches = 1);
        var storage = direct.Storage;
        var (first, second) = (Grains.NewId(), Grains.NewId());
        await storage.WriteStateAsync("account", first, Grains.State(new AccountState()));
        await storage.WriteStateAsync("account", second, Grains.State(new AccountState()));
        var ids = Enumerable.Range(0, 10).Select(_ => Grains.NewId()).ToArray();
        Task[] batch;

        // The worker stands on the first locked row while the batch under test queues: ten new rows, then a
        // write to the second locked row. When the first lock goes, that batch runs, inserts the ten rows in its
        // transaction and waits on the second lock; then its connection is killed.
        await using (var secondLock = await RowLock.TakeAsync(connectionString, second, "account"))
        {
            Task head;
            await using (await RowLock.TakeAsync(connectionString, first, "account"))
            {
                head = storage.WriteStateAsync("account", first, Grains.State(new AccountState { Owner = "head" }, "1"));
                await RowLock.WaitForBlockedBackendAsync(connectionString);
                batch = [
                    .. ids.Select(id => storage.WriteStateAsync("account", id, Grains.State(new AccountState { Owner = "lost" }))),
                    storage.WriteStateAsync("account", second, Grains.State(new AccountState { Owner = "lost" }, "1")),
                ];
            }

            await head.Within();
            var pid = await RowLock.WaitForBlockedBackendAsync(connectionString);
            Assert.Equal(1, await TestDatabase.ScalarAsync<int>(connectionString, "SELECT count(*)::int FROM pg_stat_activity WHERE pid = $1 AND state = 'active'", pid));
            Assert.True(await TestDatabase.ScalarAsync<bool>(connectionString, "SELECT pg_terminate_backend($1)", pid));
            await Task.WhenAll(batch).ContinueWith(_ => { }, TaskScheduler.Default).Within();
        }

        Assert.All(batch, write => Assert.IsAssignableFrom<NpgsqlException>(write.Exception?.InnerException));
        foreach (var id in ids)
        {
            Assert.Null(await TestDatabase.ReadRowAsync(connectionString, id, "account"));
        }

        Assert.Equal(1, (await TestDatabase.ReadRowAsync(connectionString, second, "account"))!.Version);

        // The storage goes on with fresh connections.
        await storage.WriteStateAsync("account", ids[0], Grains.State(new AccountState { Owner = "after" }));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EveryAcknowledgedWriteIsStoredWhenConnectionsAreKilledMidStream(bool groupCommit)
    {
        const int grains = 40;
        const int killRounds = 30;
        var connectionString = await TestDatabase.CreateAsync(groupCommit ? "kill_group" : "kill_single");
        await using var direct = new DirectStorage(connectionString, o => o.GroupCommit = groupCommit);
        var storage = direct.Storage;
        var ids = Enumerable.Range(0, grains).Select(_ => Grains.NewId("seq")).ToArray();
        var acknowledged = ids.Select(_ => new List<long>()).ToArray();
        var states = ids.Select(_ => Grains.State(new SequenceState())).ToArray();

        // As a silo does at start: the schema is migrated (and the rows exist) before the killing starts.
        for (var g = 0; g < grains; g++)
        {
            states[g].State!.Seq = 1;
            states[g].State!.History.Add(1);
            await storage.WriteStateAsync("seq", ids[g], states[g]);
            acknowledged[g].Add(1);
        }

        var failures = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var terminated = 0;
        var acknowledgedWhileKilling = 0;

        var killer = Task.Run(async () =>
        {
            await using var admin = await TestDatabase.OpenAsync(connectionString);
            // At least killRounds rounds, and on until the writers got through enough writes: on a busy machine the
            // rounds alone can end before the writers had their turn, which would prove nothing about acknowledged writes.
            for (var round = 0; round < killRounds || Volatile.Read(ref acknowledgedWhileKilling) <= 2 * grains; round++)
            {
                await Task.Delay(30);
                await using var command = new NpgsqlCommand(
                    "SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
                terminated += (int)(await command.ExecuteScalarAsync())!;
            }

            await stop.CancelAsync();
        });

        var writers = Enumerable.Range(0, grains).Select(g => Task.Run(async () =>
        {
            var state = states[g];
            var seq = 1L;
            while (!stop.IsCancellationRequested)
            {
                seq++;
                state.State!.Seq = seq;
                state.State.History.Add(seq);
                try
                {
                    await storage.WriteStateAsync("seq", ids[g], state);
                    acknowledged[g].Add(seq);
                    Interlocked.Increment(ref acknowledgedWhileKilling);
                }
                catch (Exception exception) when (exception is NpgsqlException or InconsistentStateException)
                {
                    // The outcome is unknown (the commit may have happened): like a grain, reload what is stored.
                    failures.AddOrUpdate(exception.GetType().Name, 1, (_, n) => n + 1);
                    state = await ReloadAsync(storage, ids[g]);
                }
            }
        })).ToList();
        await killer.Within();
        await Task.WhenAll(writers).Within();

        output.WriteLine($"terminated {terminated} connections; acknowledged {acknowledged.Sum(a => a.Count)} writes; failures: {string.Join(", ", failures)}");
        Assert.True(terminated > 0, "no connection was terminated");
        Assert.True(failures.Values.Sum() > 0, "no write was interrupted, so the test proved nothing");
        Assert.True(acknowledgedWhileKilling > 2 * grains, "too few writes succeeded while connections were killed");
        for (var g = 0; g < grains; g++)
        {
            var row = await TestDatabase.ReadRowAsync(connectionString, ids[g], "seq");
            var stored = System.Text.Json.JsonSerializer.Deserialize<SequenceState>(row!.Json, TestJsonSerializer.Options)!;
            var missing = acknowledged[g].Except(stored.History).ToList();
            Assert.True(missing.Count == 0, $"grain {g}: acknowledged writes {string.Join(", ", missing)} are not stored");
            Assert.Equal(stored.History.Order(), stored.History);
            Assert.Equal(stored.History.Count, stored.History.Distinct().Count());

            // Each committed write adds one version and one history entry: anything else would be a half write.
            Assert.Equal(stored.History.Count, row.Version);
            Assert.Equal(stored.History[^1], stored.Seq);
        }
    }

    private static async Task<GrainState<SequenceState>> ReloadAsync(PostgresGrainStorage storage, GrainId id)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var state = Grains.Empty<SequenceState>();
                await storage.ReadStateAsync("seq", id, state);
                return state;
            }
            catch (NpgsqlException) when (attempt < 100)
            {
                await Task.Delay(10);
            }
        }
    }
}
