using System.Diagnostics.CodeAnalysis;
using ActorRisk.Benchmarks.Grains;
using ActorRisk.Runtime.Hosting;
using ActorRisk.Testing;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace ActorRisk.Benchmarks;

/// <summary>
/// The cost of a grain call over a direct call of the same method on the same kind of object, in three shapes:
/// <list type="bullet">
/// <item>Sync: one call of a method that completes synchronously, on a warm activation (latency; the ratio is the runtime's overhead).</item>
/// <item>Yield: 100 calls in a row (each awaited before the next) of a method that awaits Task.Yield, so every turn
/// spans an await, like a grain doing I/O. In a row, because a single such call from BenchmarkDotNet's thread
/// measures mostly how long the thread pool takes to wake a thread (several µs, very noisy).</item>
/// <item>Batch: 1,000 concurrent calls of the yielding method spread over 100 grains, awaited together (throughput; per call).</item>
/// </list>
/// Each category has its own baseline (the direct call), so BenchmarkDotNet's Ratio column is runtime / direct.
/// Storage is the memory provider and no benchmarked call writes state.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GrainCallBenchmarks
{
    public const int SequentialCalls = 100;
    public const int BatchCalls = 1_000;
    public const int BatchGrains = 100;

    private TestSilo? silo;

    [SuppressMessage("Performance", "CA1859", Justification = "The baseline calls through the grain interface, as the runtime does; a call on the sealed class could be devirtualized.")]
    private IPingGrain directOne = null!;
    private IPingGrain grainOne = null!;
    private IPingGrain[] directMany = null!;
    private IPingGrain[] grainMany = null!;
    private Task<long>[] batch = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        silo = await TestSilo.StartAsync(b => b
            .AddGrain<IPingGrain, PingGrain>("ping", (invoker, id) => new PingGrainReference(invoker, id))
            .AddMemoryGrainStorage());
        directOne = new PingGrain(new LocalState<PingState>());
        grainOne = silo.GrainFactory.GetGrain<IPingGrain>("one");
        directMany = [.. Enumerable.Range(0, BatchGrains).Select(_ => (IPingGrain)new PingGrain(new LocalState<PingState>()))];
        grainMany = [.. Enumerable.Range(0, BatchGrains).Select(i => silo.GrainFactory.GetGrain<IPingGrain>($"many-{i}"))];
        batch = new Task<long>[BatchCalls];

        // Warm activations: every grain is activated (state loaded) before measuring.
        await grainOne.AddAsync(0);
        await Task.WhenAll(grainMany.Select(g => g.AddAsync(0)));
        if (silo.Runtime.ActivationCount != BatchGrains + 1)
        {
            throw new InvalidOperationException($"Expected {BatchGrains + 1} activations, found {silo.Runtime.ActivationCount}.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (silo is not null)
        {
            await silo.DisposeAsync();
            silo = null;
        }
    }

    [Benchmark(Baseline = true, Description = "direct call")]
    [BenchmarkCategory("Sync")]
    public Task<long> SyncDirect() => directOne.AddAsync(1);

    [Benchmark(Description = "grain call")]
    [BenchmarkCategory("Sync")]
    public Task<long> SyncGrain() => grainOne.AddAsync(1);

    [Benchmark(Baseline = true, OperationsPerInvoke = SequentialCalls, Description = "100 direct calls in a row")]
    [BenchmarkCategory("Yield")]
    public Task<long> YieldDirect() => RunSequence(directOne);

    [Benchmark(OperationsPerInvoke = SequentialCalls, Description = "100 grain calls in a row")]
    [BenchmarkCategory("Yield")]
    public Task<long> YieldGrain() => RunSequence(grainOne);

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchCalls, Description = "1,000 direct calls")]
    [BenchmarkCategory("Batch")]
    public Task BatchDirect() => RunBatch(directMany);

    [Benchmark(OperationsPerInvoke = BatchCalls, Description = "1,000 grain calls / 100 grains")]
    [BenchmarkCategory("Batch")]
    public Task BatchGrain() => RunBatch(grainMany);

    private static async Task<long> RunSequence(IPingGrain target)
    {
        long last = 0;
        for (var i = 0; i < SequentialCalls; i++)
        {
            last = await target.AddAfterYieldAsync(1);
        }

        return last;
    }

    private Task<long[]> RunBatch(IPingGrain[] targets)
    {
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = targets[i % targets.Length].AddAfterYieldAsync(1);
        }

        return Task.WhenAll(batch);
    }
}
