using System.Text.Json;
using ActorRisk.Runtime.Tests.Grains;
using ActorRisk.Runtime.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace ActorRisk.Runtime.Tests;

/// <summary>Group commit: batches form under load, and every acknowledged write is durable, even when connections die mid-batch.</summary>
[Collection(nameof(RunAlone))]
public sealed class GroupCommitTests(ITestOutputHelper output)
{
    private const string BatchSize = "actorrisk.storage.batch.size";

    private static Task<TestSilo> StartAsync(string connectionString) =>
        TestSilo.StartAsync(b => b
            .AddGrain<ISequenceGrain, SequenceGrain>("seq", (i, id) => new SequenceGrainReference(i, id))
            .AddPostgresGrainStorage(connectionString, configure: o => o.GroupCommit = true));

    [Fact]
    public async Task EveryAcknowledgedWriteOfManyConcurrentWritersIsDurable()
    {
        const int grains = 200;
        const int writes = 20;
        var connectionString = await TestDatabase.CreateAsync("group_commit", maxPoolSize: 30);
        using var metrics = new MetricRecorder(BatchSize);
        await using var silo = await StartAsync(connectionString);
        var acknowledged = new long[grains];

        await Task.WhenAll(Enumerable.Range(0, grains).Select(g => Task.Run(async () =>
        {
            var grain = silo.GrainFactory.GetGrain<ISequenceGrain>($"g{g}");
            for (var seq = 1; seq <= writes; seq++)
            {
                var version = await grain.WriteAsync(seq);
                Assert.Equal(seq, version); // one version per write, no gaps
                acknowledged[g] = seq;
            }
        }))).Within();

        var rows = await TestDatabase.ReadStatesAsync(connectionString, "seq", "seq");
        Assert.Equal(grains, rows.Count);
        for (var g = 0; g < grains; g++)
        {
            var row = rows[$"g{g}"];
            var state = Parse(row);
            Assert.Equal(writes, acknowledged[g]);
            Assert.Equal(writes, row.Version);
            Assert.Equal(writes, state.Seq);
            Assert.Equal(writes, state.Writes);
            Assert.Equal(Enumerable.Range(1, writes).Select(i => (long)i), state.History);
        }

        var batches = metrics.Of(BatchSize).Select(m => m.Value).ToList();
        Assert.Equal(grains * writes, batches.Sum());
        output.WriteLine($"{batches.Count} batches, largest {batches.Max()}");
        Assert.Contains(batches, size => size > 1);
    }

    [Fact]
    public async Task NothingAcknowledgedIsMissingWhenConnectionsAreKilledMidBatch()
    {
        const int grains = 60;
        const int killRounds = 40;
        var connectionString = await TestDatabase.CreateAsync("group_kill", maxPoolSize: 30);
        await using var silo = await StartAsync(connectionString);
        var references = Enumerable.Range(0, grains).Select(g => silo.GrainFactory.GetGrain<ISequenceGrain>($"k{g}")).ToArray();
        foreach (var grain in references)
        {
            await grain.WriteAsync(0); // activate and create the rows before the killing starts
        }

        var acknowledged = Enumerable.Range(0, grains).Select(_ => new List<long> { 0 }).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var terminated = 0;

        var killer = Task.Run(async () =>
        {
            var admin = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            for (var round = 0; round < killRounds; round++)
            {
                await Task.Delay(25);
                await using var command = new NpgsqlCommand(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
                    connection);
                terminated += (int)(long)(await command.ExecuteScalarAsync())!;
            }

            await stop.CancelAsync();
        });

        var writers = Enumerable.Range(0, grains).Select(g => Task.Run(async () =>
        {
            var seq = 0L;
            while (!stop.IsCancellationRequested)
            {
                seq++;
                try
                {
                    await references[g].WriteAsync(seq);
                    acknowledged[g].Add(seq);
                }
                catch (Exception exception) when (exception is NpgsqlException or InconsistentStateException)
                {
                    // The outcome of a failed write is unknown (it may have committed); a stale activation
                    // then fails its next write with a version conflict and reloads.
                    failures.AddOrUpdate(exception.GetType().Name, 1, (_, n) => n + 1);
                }
            }
        })).ToList();
        await killer.Within();
        await Task.WhenAll(writers).Within();

        output.WriteLine($"terminated {terminated} connections; acknowledged {acknowledged.Sum(a => a.Count - 1)} writes; failures: {string.Join(", ", failures)}");
        Assert.True(terminated > 0, "no connection was terminated");
        Assert.True(failures.Values.Sum() > 0, "no write was interrupted, so the test proved nothing");
        Assert.True(acknowledged.Sum(a => a.Count - 1) > grains, "too few writes succeeded while connections were killed");

        // Every grain recovers: at most one version conflict (a stale activation) before a write succeeds.
        for (var g = 0; g < grains; g++)
        {
            var last = acknowledged[g][^1] + 1_000_000;
            try
            {
                await references[g].WriteAsync(last);
            }
            catch (InconsistentStateException)
            {
                await references[g].WriteAsync(last);
            }

            acknowledged[g].Add(last);
        }

        var rows = await TestDatabase.ReadStatesAsync(connectionString, "seq", "seq");
        for (var g = 0; g < grains; g++)
        {
            var row = rows[$"k{g}"];
            var state = Parse(row);
            var missing = acknowledged[g].Except(state.History).ToList();
            Assert.True(missing.Count == 0, $"k{g}: acknowledged writes {string.Join(", ", missing)} are not stored (failures: {string.Join(", ", failures)})");
            Assert.Equal(state.History.Order(), state.History);
            Assert.Equal(state.History.Count, state.History.Distinct().Count());
            Assert.Equal(acknowledged[g][^1], state.Seq);
            Assert.True(row.Version >= acknowledged[g].Count, $"k{g}: version {row.Version} < {acknowledged[g].Count} acknowledged writes");
        }
    }

    private static SequenceState Parse(StoredRow row) =>
        JsonSerializer.Deserialize<SequenceState>(row.Json, Persistence.GrainStateSerializer.DefaultOptions)!;
}
