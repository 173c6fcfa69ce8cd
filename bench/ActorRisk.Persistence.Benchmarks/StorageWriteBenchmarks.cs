using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;

namespace ActorRisk.Persistence.Benchmarks;

/// <summary>
/// Durable writes through <see cref="PostgresGrainStorage"/>: one operation is <see cref="Writers"/> grains each
/// writing once, at the same time, until every write has committed. Baseline: one transaction
/// per write; candidate: group commit. Real PostgreSQL (fsync on), a fresh database per storage, over loopback.
/// </summary>
[MemoryDiagnoser]
public class StorageWriteBenchmarks : IAsyncDisposable
{
    private readonly PostgresDatabases databases = new();
    private PostgresGrainStorage perWrite = null!;
    private PostgresGrainStorage groupCommit = null!;
    private GrainId[] grains = [];
    private GrainState<WriterState>[] perWriteStates = [];
    private GrainState<WriterState>[] groupCommitStates = [];

    [Params(1, 64)]
    public int Writers { get; set; }

    // Setup and cleanup block: BenchmarkDotNet 0.14's in-process toolchain ran the benchmarks before an async
    // GlobalSetup had finished (it timed writes of no grains at all).
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var server = await ActorRisk.Testing.PostgresServer.InstanceAsync();
        perWrite = await CreateAsync(await server.CreateDatabaseAsync("bench_single"), groupCommit: false);
        groupCommit = await CreateAsync(await server.CreateDatabaseAsync("bench_group"), groupCommit: true);
        grains = [.. Enumerable.Range(0, Writers).Select(i => GrainId.Create("writer", $"w{i}"))];
        perWriteStates = [.. grains.Select(_ => new GrainState<WriterState>(new WriterState { Owner = "writer" }))];
        groupCommitStates = [.. grains.Select(_ => new GrainState<WriterState>(new WriterState { Owner = "writer" }))];
    }

    private async Task CleanupAsync()
    {
        await perWrite.DisposeAsync();
        await groupCommit.DisposeAsync();
        await databases.DisposeAsync();
    }

    /// <summary>Closes the pools if the cleanup did not run (a failed setup); idempotent.</summary>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return databases.DisposeAsync();
    }

    // Blocking too, so what is timed is plainly the whole round, until the last commit.
    [Benchmark(Baseline = true, Description = "one transaction per write")]
    public void PerWriteTransaction() => WriteAllAsync(perWrite, perWriteStates).GetAwaiter().GetResult();

    [Benchmark(Description = "group commit")]
    public void GroupCommit() => WriteAllAsync(groupCommit, groupCommitStates).GetAwaiter().GetResult();

    private Task WriteAllAsync(PostgresGrainStorage storage, GrainState<WriterState>[] states)
    {
        var writes = new Task[states.Length];
        for (var i = 0; i < states.Length; i++)
        {
            var state = states[i];
            state.State!.Count++;
            state.State.Total += 1.25m;
            writes[i] = storage.WriteStateAsync("writer", grains[i], state);
        }

        return Task.WhenAll(writes);
    }

    private async Task<PostgresGrainStorage> CreateAsync(string connectionString, bool groupCommit)
    {
        var activators = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();
        var storage = new PostgresGrainStorage(
            groupCommit ? "group" : "single",
            new PostgresGrainStorageOptions { ConnectionString = connectionString, GroupCommit = groupCommit, GrainStorageSerializer = new JsonStateSerializer() },
            databases,
            activators,
            NullLogger<PostgresGrainStorage>.Instance);
        await databases.Get(connectionString).EnsureMigratedAsync();
        return storage;
    }
}
