using System.Text;
using System.Text.Json;
using ActorRisk.Runtime.Persistence;
using ActorRisk.Runtime.Tests.Grains;
using ActorRisk.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ActorRisk.Runtime.Tests;

/// <summary>
/// Exactly-once requests: a state write tied to a request id commits with its ledger record or not at all, and a
/// repeated id (on any grain, after a restart, under a race) gets the first answer and changes nothing.
/// </summary>
public sealed class RequestLedgerTests
{
    private const string Scope = "payment";

    public static TheoryData<string> Storages => new() { "memory", "postgres", "postgres-no-group-commit" };

    public static TheoryData<string> PostgresStorages => new() { "postgres", "postgres-no-group-commit" };

    /// <summary>
    /// Also group commit with one write per batch: concurrent batches then race on the same new id as lone writes,
    /// the case the group-commit writer retries (a larger batch that loses is retried write by write).
    /// </summary>
    public static TheoryData<string> RaceStorages => new() { "memory", "postgres", "postgres-no-group-commit", "postgres-single-write-batches" };

    private static RequestId Request(string id) => new(Scope, id);

    private static GrainId LedgerId(string key) => new("ledger", key);

    private static void AssertView(LedgerView view, long balance, string? etag, params string[] requests)
    {
        Assert.Equal(balance, view.Balance);
        Assert.Equal(etag, view.Etag);
        Assert.Equal(requests, view.Requests);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task TheFirstApplicationWritesTheStateAndRecordsTheAnswer(string storage)
    {
        await using var ledger = await LedgerSilo.StartAsync(storage);
        var grain = ledger.Grain("first");
        var request = Request("first-1");
        Assert.Null(await ledger.Ledger.FindAsync<LedgerAnswer>(request));

        var applied = await grain.ApplyAsync(new LedgerRequest(request, 10));

        Assert.True(applied.Result.Applied);
        Assert.Equal(request, applied.Result.Request);
        Assert.Equal(new LedgerAnswer("first", 10, 10), applied.Result.Answer);
        Assert.Equal(LedgerId("first"), applied.Result.AppliedBy);
        AssertView(applied.After, 10, "1", "payment:first-1");

        var stored = await ledger.StoredAsync("first");
        Assert.Equal(1, stored!.Value.Version);
        Assert.Equal(10, stored.Value.State.Balance);
        Assert.Equal(["payment:first-1"], stored.Value.State.Requests);

        var found = await ledger.Ledger.FindAsync<LedgerAnswer>(request);
        Assert.NotNull(found);
        Assert.True(found.Applied);
        Assert.Equal(new LedgerAnswer("first", 10, 10), found.Answer);
        Assert.Equal(LedgerId("first"), found.AppliedBy);
        Assert.NotNull(found.AppliedAt);
        Assert.Equal(1, await ledger.RequestRowsAsync(request));

        var second = await grain.ApplyAsync(new LedgerRequest(Request("first-2"), 5));
        Assert.True(second.Result.Applied);
        Assert.Equal("2", second.After.Etag);
        Assert.Equal(15, (await ledger.StoredAsync("first"))!.Value.State.Balance);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task ARetryOnTheSameGrainGetsTheFirstAnswerAndItsChangeIsDiscarded(string storage)
    {
        await using var ledger = await LedgerSilo.StartAsync(storage);
        var grain = ledger.Grain("retry");
        var request = Request("retry-1");
        await grain.AddAsync(100);
        Assert.True((await grain.ApplyAsync(new LedgerRequest(request, 10))).Result.Applied);

        var retry = await grain.ApplyAsync(new LedgerRequest(request, 99));

        Assert.False(retry.Result.Applied);
        Assert.Equal(new LedgerAnswer("retry", 10, 110), retry.Result.Answer);
        Assert.Equal(LedgerId("retry"), retry.Result.AppliedBy);
        Assert.NotNull(retry.Result.AppliedAt);
        AssertView(retry.After, 110, "2", "payment:retry-1");
        Assert.Equal(110, (await grain.GetAsync()).Balance);

        var stored = await ledger.StoredAsync("retry");
        Assert.Equal(2, stored!.Value.Version);
        Assert.Equal(110, stored.Value.State.Balance);
        Assert.Equal(new LedgerAnswer("retry", 10, 110), (await ledger.Ledger.FindAsync<LedgerAnswer>(request))!.Answer);
        Assert.Equal(1, await ledger.RequestRowsAsync(request));

        // The same activation goes on writing from the stored state, with the stored version.
        AssertView(await grain.AddAsync(1), 111, "3", "payment:retry-1");
        Assert.Equal(3, (await ledger.StoredAsync("retry"))!.Value.Version);
        Assert.True((await grain.ApplyAsync(new LedgerRequest(Request("retry-2"), 1))).Result.Applied);
        Assert.Equal(112, (await ledger.StoredAsync("retry"))!.Value.State.Balance);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task TheSameRequestOnAnotherGrainGetsTheFirstAnswerAndWritesNothing(string storage)
    {
        await using var ledger = await LedgerSilo.StartAsync(storage);
        var request = Request("shared-1");
        Assert.True((await ledger.Grain("owner").ApplyAsync(new LedgerRequest(request, 10))).Result.Applied);

        // A grain with nothing stored (the INSERT path) and one with a stored row (the UPDATE path).
        var fresh = await ledger.Grain("fresh").ApplyAsync(new LedgerRequest(request, 20));
        await ledger.Grain("existing").AddAsync(50);
        var existing = await ledger.Grain("existing").ApplyAsync(new LedgerRequest(request, 30));

        foreach (var refused in new[] { fresh, existing })
        {
            Assert.False(refused.Result.Applied);
            Assert.Equal(new LedgerAnswer("owner", 10, 10), refused.Result.Answer);
            Assert.Equal(LedgerId("owner"), refused.Result.AppliedBy);
            Assert.Empty(refused.After.Requests);
        }

        AssertView(fresh.After, 0, null);
        Assert.Null(await ledger.StoredAsync("fresh"));
        AssertView(existing.After, 50, "1");
        var stored = await ledger.StoredAsync("existing");
        Assert.Equal(1, stored!.Value.Version);
        Assert.Equal(50, stored.Value.State.Balance);
        Assert.Equal(LedgerId("owner"), (await ledger.Ledger.FindAsync<LedgerAnswer>(request))!.AppliedBy);
        Assert.Equal(1, await ledger.RequestRowsAsync(request));

        Assert.Equal("1", (await ledger.Grain("fresh").AddAsync(7)).Etag);
        Assert.Equal("2", (await ledger.Grain("existing").AddAsync(7)).Etag);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task TheSameIdInAnotherScopeIsAnotherRequest(string storage)
    {
        await using var ledger = await LedgerSilo.StartAsync(storage);
        var grain = ledger.Grain("scoped");
        var payment = new RequestId("payment", "42");
        var refund = new RequestId("refund", "42");

        Assert.True((await grain.ApplyAsync(new LedgerRequest(payment, 10))).Result.Applied);
        var other = await grain.ApplyAsync(new LedgerRequest(refund, -3));

        Assert.True(other.Result.Applied);
        Assert.Equal(7, other.After.Balance);
        Assert.Equal(new LedgerAnswer("scoped", 10, 10), (await ledger.Ledger.FindAsync<LedgerAnswer>(payment))!.Answer);
        Assert.Equal(new LedgerAnswer("scoped", -3, 7), (await ledger.Ledger.FindAsync<LedgerAnswer>(refund))!.Answer);
        Assert.Null(await ledger.Ledger.FindAsync<LedgerAnswer>(new RequestId("chargeback", "42")));
        Assert.False((await grain.ApplyAsync(new LedgerRequest(refund, -3))).Result.Applied);
        Assert.Equal(2, (await ledger.StoredAsync("scoped"))!.Value.Version);
    }

    [Theory]
    [MemberData(nameof(RaceStorages))]
    public async Task ExactlyOneOfManyGrainsRacingOnANewRequestAppliesIt(string storage)
    {
        const int grains = 32;
        const int rounds = 8;
        await using var ledger = await LedgerSilo.StartAsync(storage);
        var keys = Enumerable.Range(0, grains).Select(i => $"racer-{i}").ToArray();
        var expected = keys.ToDictionary(k => k, _ => new LedgerState(), StringComparer.Ordinal);
        var versions = keys.ToDictionary(k => k, _ => 0L, StringComparer.Ordinal);
        foreach (var key in keys.Where((_, i) => i % 2 == 0))
        {
            await ledger.Grain(key).AddAsync(1000);
            expected[key] = new LedgerState { Balance = 1000 };
            versions[key] = 1;
        }

        var winners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var round = 0; round < rounds; round++)
        {
            var request = Request($"race-{round}");
            var amount = round + 1;
            var results = await Task.WhenAll(keys.Select(k => Task.Run(() => ledger.Grain(k).ApplyAsync(new LedgerRequest(request, amount))))).Within();

            var winner = Assert.Single(results.Select((r, i) => (Result: r, Key: keys[i])), x => x.Result.Result.Applied).Key;
            winners[request.Id] = winner;
            var before = expected[winner];
            expected[winner] = before with { Balance = before.Balance + amount, Requests = [.. before.Requests, request.ToString()] };
            versions[winner]++;
            var answer = new LedgerAnswer(winner, amount, expected[winner].Balance);
            for (var i = 0; i < grains; i++)
            {
                Assert.Equal(answer, results[i].Result.Answer);
                Assert.Equal(LedgerId(winner), results[i].Result.AppliedBy);
                Assert.Equal(expected[keys[i]].Balance, results[i].After.Balance);
                Assert.Equal(expected[keys[i]].Requests, results[i].After.Requests);
            }

            Assert.Equal(answer, (await ledger.Ledger.FindAsync<LedgerAnswer>(request))!.Answer);
        }

        foreach (var key in keys)
        {
            var stored = await ledger.StoredAsync(key);
            if (versions[key] == 0)
            {
                Assert.Null(stored);
                continue;
            }

            Assert.Equal(versions[key], stored!.Value.Version);
            Assert.Equal(expected[key].Balance, stored.Value.State.Balance);
            Assert.Equal(expected[key].Requests, stored.Value.State.Requests);
        }

        if (ledger.ConnectionString is not null)
        {
            Assert.Equal(winners, await ledger.RequestRowsByIdAsync());
        }
    }

    [Theory]
    [MemberData(nameof(RaceStorages))]
    public async Task ManyGrainsRacingOnSeveralNewRequestsApplyEachExactlyOnce(string storage)
    {
        const int grains = 32;
        const int requestsPerRound = 4;
        const int rounds = 4;
        await using var ledger = await LedgerSilo.StartAsync(storage);
        var keys = Enumerable.Range(0, grains).Select(i => $"crowd-{i}").ToArray();
        await Task.WhenAll(keys.Select(k => ledger.Grain(k).GetAsync()));

        var winners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var round = 0; round < rounds; round++)
        {
            var requests = Enumerable.Range(0, requestsPerRound).Select(r => Request($"crowd-{round}-{r}")).ToArray();
            var calls = keys.SelectMany((k, g) => Enumerable.Range(0, requestsPerRound).Select(r => (Key: k, Request: requests[(r + g) % requestsPerRound]))).ToList();
            var results = await Task.WhenAll(calls.Select(c => Task.Run(() => ledger.Grain(c.Key).ApplyAsync(new LedgerRequest(c.Request, 1))))).Within();

            foreach (var request in requests)
            {
                var outcomes = calls.Zip(results).Where(c => c.First.Request == request).Select(c => (c.First.Key, c.Second.Result)).ToList();
                var winner = Assert.Single(outcomes, o => o.Result.Applied).Key;
                winners[request.Id] = winner;
                Assert.All(outcomes, o => Assert.Equal(LedgerId(winner), o.Result.AppliedBy));
                Assert.Single(outcomes.Select(o => o.Result.Answer).Distinct());
            }
        }

        var applied = new List<string>();
        foreach (var key in keys)
        {
            var stored = await ledger.StoredAsync(key);
            var won = winners.Where(w => w.Value == key).Select(w => $"{Scope}:{w.Key}").Order(StringComparer.Ordinal).ToList();
            if (won.Count == 0)
            {
                Assert.Null(stored);
                continue;
            }

            Assert.Equal(won.Count, stored!.Value.Version);
            Assert.Equal(won.Count, stored.Value.State.Balance);
            Assert.Equal(won, stored.Value.State.Requests.Order(StringComparer.Ordinal));
            applied.AddRange(stored.Value.State.Requests);
        }

        Assert.Equal(rounds * requestsPerRound, applied.Count);
        Assert.Equal(rounds * requestsPerRound, applied.Distinct(StringComparer.Ordinal).Count());
        if (ledger.ConnectionString is not null)
        {
            Assert.Equal(winners, await ledger.RequestRowsByIdAsync());
        }
    }

    [Fact]
    public async Task MemoryStorageRecordsANewRequestForExactlyOneOfTwoWritersStartingTogether()
    {
        const int rounds = 5_000;
        var storage = new MemoryGrainStorage();
        var json = Encoding.UTF8.GetBytes("{}");
        using var start = new Barrier(2);
        var applied = new int[rounds];

        void Write(string key)
        {
            for (var round = 0; round < rounds; round++)
            {
                var request = new RequestRecord(Request($"together-{round}"), Encoding.UTF8.GetBytes($"\"{key}\""));
                start.SignalAndWait();
                var result = storage.WriteAsync(new GrainId("t", $"{key}-{round}"), "s", json, 1, null, request, CancellationToken.None).GetAwaiter().GetResult();
                if (result.Duplicate is null)
                {
                    Interlocked.Increment(ref applied[round]);
                }
            }
        }

        await Task.WhenAll(
            Task.Factory.StartNew(() => Write("a"), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default),
            Task.Factory.StartNew(() => Write("b"), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).Within();

        var wrong = applied.Count(count => count != 1);
        Assert.True(wrong == 0, $"{wrong} of {rounds} request ids were recorded for both writers or for neither.");
        Assert.Equal(rounds, storage.RequestCount);
        Assert.Equal(rounds, storage.Count);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task AVersionConflictOnARequestWriteThrowsAndRecordsNoRequest(string storage)
    {
        await using var ledger = await LedgerSilo.StartAsync(storage);
        var grain = ledger.Grain("stale");
        var request = Request("stale-1");
        await grain.AddAsync(5);

        // Another writer moves the stored state on behind the activation's back.
        await ledger.Storage.WriteAsync(LedgerId("stale"), "ledger", Encoding.UTF8.GetBytes("""{"balance":100}"""), 1, 1, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.ApplyAsync(new LedgerRequest(request, 7)));
        Assert.Null(await ledger.Ledger.FindAsync<LedgerAnswer>(request));
        Assert.Equal(0, await ledger.RequestRowsAsync(request));
        var stored = await ledger.StoredAsync("stale");
        Assert.Equal(2, stored!.Value.Version);
        Assert.Equal(100, stored.Value.State.Balance);

        // The activation reloaded; the request was never recorded, so sending it again applies it once.
        var retried = await grain.ApplyAsync(new LedgerRequest(request, 7));
        Assert.True(retried.Result.Applied);
        Assert.Equal(new LedgerAnswer("stale", 7, 107), retried.Result.Answer);
        Assert.Equal("3", retried.After.Etag);
        Assert.Equal(107, (await ledger.StoredAsync("stale"))!.Value.State.Balance);
        Assert.Equal(1, await ledger.RequestRowsAsync(request));

        // The same on a grain that read nothing (the INSERT path): another writer created its row first.
        var unborn = ledger.Grain("unborn");
        var first = Request("unborn-1");
        Assert.Null((await unborn.GetAsync()).Etag);
        await ledger.Storage.WriteAsync(LedgerId("unborn"), "ledger", Encoding.UTF8.GetBytes("""{"balance":100}"""), 1, null, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => unborn.ApplyAsync(new LedgerRequest(first, 7)));
        Assert.Null(await ledger.Ledger.FindAsync<LedgerAnswer>(first));
        Assert.Equal(0, await ledger.RequestRowsAsync(first));
        Assert.Equal(1, (await ledger.StoredAsync("unborn"))!.Value.Version);
        Assert.True((await unborn.ApplyAsync(new LedgerRequest(first, 7))).Result.Applied);
        Assert.Equal(107, (await ledger.StoredAsync("unborn"))!.Value.State.Balance);
    }

    [Theory]
    [MemberData(nameof(PostgresStorages))]
    public async Task ARetryAfterARestartIsStillRefusedWithTheFirstAnswer(string storage)
    {
        await using var ledger = await LedgerSilo.StartAsync(storage);
        var request = Request("durable-1");
        Assert.True((await ledger.Grain("durable").ApplyAsync(new LedgerRequest(request, 10))).Result.Applied);

        await ledger.Silo.RestartAsync();

        var found = await ledger.Ledger.FindAsync<LedgerAnswer>(request);
        Assert.Equal(new LedgerAnswer("durable", 10, 10), found!.Answer);
        Assert.Equal(LedgerId("durable"), found.AppliedBy);
        var retry = await ledger.Grain("durable").ApplyAsync(new LedgerRequest(request, 99));
        Assert.False(retry.Result.Applied);
        Assert.Equal(new LedgerAnswer("durable", 10, 10), retry.Result.Answer);
        AssertView(retry.After, 10, "1", "payment:durable-1");
        var elsewhere = await ledger.Grain("elsewhere").ApplyAsync(new LedgerRequest(request, 99));
        Assert.False(elsewhere.Result.Applied);
        Assert.Equal(LedgerId("durable"), elsewhere.Result.AppliedBy);
        Assert.Null(await ledger.StoredAsync("elsewhere"));
        Assert.Equal(1, (await ledger.StoredAsync("durable"))!.Value.Version);
        Assert.Equal(1, await ledger.RequestRowsAsync(request));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task APurgeForgetsRequestsAppliedBeforeTheCutoffAndKeepsNewerOnes(string storage)
    {
        await using var ledger = await LedgerSilo.StartAsync(storage, purgeSliceSize: 2);
        var grain = ledger.Grain("purged");
        var old = Enumerable.Range(0, 5).Select(i => Request($"old-{i}")).ToArray();
        var recent = Enumerable.Range(0, 2).Select(i => Request($"new-{i}")).ToArray();
        foreach (var request in old)
        {
            await grain.ApplyAsync(new LedgerRequest(request, 1));
        }

        // Memory storage stamps records with the silo's clock; PostgreSQL with the database's, later anyway.
        ledger.Clock.Advance(TimeSpan.FromHours(1));
        foreach (var request in recent)
        {
            await grain.ApplyAsync(new LedgerRequest(request, 1));
        }

        var cutoff = (await ledger.Ledger.FindAsync<LedgerAnswer>(recent[0]))!.AppliedAt!.Value;
        Assert.True((await ledger.Ledger.FindAsync<LedgerAnswer>(old[^1]))!.AppliedAt < cutoff);

        Assert.Equal(5, await ledger.Storage.PurgeRequestsAsync(cutoff, CancellationToken.None));

        foreach (var request in old)
        {
            Assert.Null(await ledger.Ledger.FindAsync<LedgerAnswer>(request));
            Assert.Equal(0, await ledger.RequestRowsAsync(request));
        }

        Assert.Equal(new LedgerAnswer("purged", 1, 6), (await ledger.Ledger.FindAsync<LedgerAnswer>(recent[0]))!.Answer);
        Assert.Equal(new LedgerAnswer("purged", 1, 7), (await ledger.Ledger.FindAsync<LedgerAnswer>(recent[1]))!.Answer);
        Assert.Equal(0, await ledger.Storage.PurgeRequestsAsync(cutoff, CancellationToken.None));

        // Forgotten ids are new again; remembered ones are still refused.
        Assert.True((await grain.ApplyAsync(new LedgerRequest(old[0], 1))).Result.Applied);
        Assert.False((await grain.ApplyAsync(new LedgerRequest(recent[0], 1))).Result.Applied);
        Assert.Equal(8, (await ledger.StoredAsync("purged"))!.Value.State.Balance);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task TheRuntimePurgesExpiredRequestsInTheBackground(string storage)
    {
        await using var ledger = await LedgerSilo.StartAsync(storage, configure: o =>
        {
            o.RequestRetention = TimeSpan.FromHours(1);
            o.RequestPurgeInterval = TimeSpan.FromMilliseconds(50);
        });
        var expired = Request("expired");
        var kept = Request("kept");
        await ledger.Grain("background").ApplyAsync(new LedgerRequest(expired, 1));
        await ledger.AgeAsync(expired, TimeSpan.FromHours(2));
        await ledger.Grain("background").ApplyAsync(new LedgerRequest(kept, 1));

        await Eventually.HoldsAsync(async () => await ledger.Ledger.FindAsync<LedgerAnswer>(expired) is null, "the expired request is purged");

        // The pass that purged the expired record saw the newer one and kept it.
        Assert.NotNull(await ledger.Ledger.FindAsync<LedgerAnswer>(kept));
        Assert.Equal(1, await ledger.RequestRowsAsync(kept));
        Assert.Equal(2, (await ledger.StoredAsync("background"))!.Value.State.Balance);
    }

    /// <summary>A silo with the ledger grain on one storage, a clock the test moves, and direct access to what is stored.</summary>
    private sealed class LedgerSilo : IAsyncDisposable
    {
        private LedgerSilo(TestSilo silo, ManualClock clock, string? connectionString)
        {
            Silo = silo;
            Clock = clock;
            ConnectionString = connectionString;
        }

        public TestSilo Silo { get; }

        public ManualClock Clock { get; }

        /// <summary>The PostgreSQL database, or null on memory storage.</summary>
        public string? ConnectionString { get; }

        public IRequestLedger Ledger => Silo.Services.GetRequiredService<IRequestLedger>();

        public IGrainStorage Storage => Silo.Services.GetRequiredKeyedService<IGrainStorage>(PersistentStateAttribute.DefaultStorage);

        public static async Task<LedgerSilo> StartAsync(string storage, int purgeSliceSize = 10_000, Action<GrainRuntimeOptions>? configure = null)
        {
            var clock = new ManualClock(DateTimeOffset.UtcNow);
            var connectionString = storage == "memory" ? null : await TestDatabase.CreateAsync("ledger");
            var silo = await TestSilo.StartAsync(
                b =>
                {
                    b.AddGrain<ILedgerGrain, LedgerGrain>("ledger", (i, id) => new LedgerGrainReference(i, id));
                    if (configure is not null)
                    {
                        b.Configure(configure);
                    }

                    if (connectionString is null)
                    {
                        b.AddMemoryGrainStorage();
                    }
                    else
                    {
                        b.AddPostgresGrainStorage(connectionString, configure: o =>
                        {
                            o.GroupCommit = storage != "postgres-no-group-commit";
                            o.GroupRead = o.GroupCommit;
                            o.PurgeSliceSize = purgeSliceSize;
                            if (storage == "postgres-single-write-batches")
                            {
                                o.MaxBatchSize = 1;
                                o.MaxConcurrentBatches = 4;
                            }
                        });
                    }
                },
                s => s.AddSingleton<TimeProvider>(clock));
            return new LedgerSilo(silo, clock, connectionString);
        }

        public ILedgerGrain Grain(string key) => Silo.GrainFactory.GetGrain<ILedgerGrain>(key);

        public async Task<(long Version, LedgerState State)?> StoredAsync(string key)
        {
            var stored = await Storage.ReadAsync(LedgerId(key), "ledger", CancellationToken.None);
            return stored is null ? null : (stored.Version, JsonSerializer.Deserialize<LedgerState>(stored.Json.Span, JsonSerializerOptions.Web)!);
        }

        /// <summary>Rows for the request in grain_request: what the ledger holds in PostgreSQL, or FindAsync's view in memory.</summary>
        public async Task<long> RequestRowsAsync(RequestId request)
        {
            if (ConnectionString is null)
            {
                return await Ledger.FindAsync<LedgerAnswer>(request) is null ? 0 : 1;
            }

            return await TestDatabase.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM grain_request WHERE scope = $1 AND request_id = $2", request.Scope, request.Id);
        }

        /// <summary>Every recorded request id of the test scope and the grain key that applied it (PostgreSQL only).</summary>
        public async Task<Dictionary<string, string>> RequestRowsByIdAsync()
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT request_id, grain_type, grain_key FROM grain_request WHERE scope = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = Scope });
            var rows = new Dictionary<string, string>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Assert.Equal("ledger", reader.GetString(1));
                Assert.True(rows.TryAdd(reader.GetString(0), reader.GetString(2)));
            }

            return rows;
        }

        /// <summary>
        /// Makes a recorded request older than the others by <paramref name="by"/>: memory storage stamps records with
        /// the silo's clock, so the clock moves on (the request must be the latest one); PostgreSQL stamps them with
        /// the database's clock, so the row is backdated.
        /// </summary>
        public async Task AgeAsync(RequestId request, TimeSpan by)
        {
            if (ConnectionString is null)
            {
                Clock.Advance(by);
                return;
            }

            Assert.Equal(1, await TestDatabase.ExecuteAsync(
                ConnectionString,
                "UPDATE grain_request SET applied_at = applied_at - $3 WHERE scope = $1 AND request_id = $2",
                request.Scope,
                request.Id,
                by));
        }

        public ValueTask DisposeAsync() => Silo.DisposeAsync();
    }

    /// <summary>A clock the test moves by hand; timers still run on real time.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private long ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
    }
}
