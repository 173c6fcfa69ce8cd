using ActorRisk.Benchmarks.Grains;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace ActorRisk.Benchmarks;

/// <summary>
/// The cost of an Orleans grain call that crosses silos against one that stays in its silo, in the same run. Two
/// silos of one cluster in this process (<see cref="BenchSilo.StartClusterAsync"/>: loopback, distinct ports, the
/// first the primary), A and B; the same warm target grain (<see cref="PlacedPingGrain"/>, a synchronous AddAsync)
/// has one activation in A and one in B, and every call starts in A. Two shapes, each its own category with the call
/// that stays in A as the baseline, so BenchmarkDotNet's Ratio column is crossing / staying:
/// <list type="bullet">
/// <item>FromClient: one call from A's client (the silo's own grain factory, as the API's endpoints call grains in
/// a silo) to the target in A, or in B. Latency of one call as a caller outside grains waits for it.</item>
/// <item>FromGrain: a grain in A (<see cref="CallerGrain"/>) calls the target 100 times in a row, each awaited before
/// the next, as one grain calls another; per call. The one client call into the caller grain is spread over the 100.</item>
/// <item>Concurrent: 1,000 calls from A's client at once, spread over 10 targets in A, or 10 in B, awaited together;
/// per call. With many calls in flight, thread wake-ups and socket writes are shared between calls, so this is
/// closer to what a call costs a busy silo (CPU) than to what one caller waits (latency).</item>
/// </list>
/// A call that stays passes its [Immutable] messages by reference; one that crosses serializes the request in A,
/// deserializes it in B, and the response the other way, over a loopback TCP connection between the silos. Both silos
/// share this process's thread pool and the machine's cores, so all of both sides' CPU and allocations are counted.
/// <para>
/// Placement is made by the setup and checked, not assumed: the target grains use prefer-local placement and are
/// first called from the silo they must live in, and before measuring (and again after) the setup asks each target
/// and the caller grain which silo answered, and counts the activations in each silo. A mismatch throws.
/// </para>
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CrossSiloBenchmarks
{
    public const int SequentialCalls = 100;
    public const int ConcurrentCalls = 1_000;
    public const int ConcurrentTargets = 10;

    /// <summary>Calls of each path in the setup: connections open, directory caches filled, code jitted before measuring.</summary>
    private const int WarmupCalls = 1_000;

    private static readonly PingAdd One = new(1);

    private BenchSilo[] silos = [];
    private IPlacedPingGrain targetInA = null!;
    private IPlacedPingGrain targetInB = null!;
    private ICallerGrain callerInA = null!;
    private IPlacedPingGrain[] manyInA = [];
    private IPlacedPingGrain[] manyInB = [];
    private Task<PingCount>[] concurrent = [];

    private BenchSilo A => silos[0];

    private BenchSilo B => silos[1];

    // Setup and cleanup block on their async work: BenchmarkDotNet 0.14's in-process emit toolchain does not await a
    // Task-returning [GlobalSetup] and would start measuring before the silos are up.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "one call, client in A -> grain in A")]
    [BenchmarkCategory("FromClient")]
    public Task<PingCount> ClientToSameSilo() => targetInA.AddAsync(One);

    [Benchmark(Description = "one call, client in A -> grain in B")]
    [BenchmarkCategory("FromClient")]
    public Task<PingCount> ClientToOtherSilo() => targetInB.AddAsync(One);

    [Benchmark(Baseline = true, OperationsPerInvoke = SequentialCalls, Description = "100 calls in a row, grain in A -> grain in A")]
    [BenchmarkCategory("FromGrain")]
    public Task<PingCount> GrainToSameSilo() => callerInA.CallInARowAsync(targetInA, SequentialCalls);

    [Benchmark(OperationsPerInvoke = SequentialCalls, Description = "100 calls in a row, grain in A -> grain in B")]
    [BenchmarkCategory("FromGrain")]
    public Task<PingCount> GrainToOtherSilo() => callerInA.CallInARowAsync(targetInB, SequentialCalls);

    [Benchmark(Baseline = true, OperationsPerInvoke = ConcurrentCalls, Description = "1,000 calls at once, client in A -> 10 grains in A")]
    [BenchmarkCategory("Concurrent")]
    public Task<PingCount[]> ConcurrentToSameSilo() => CallAtOnce(manyInA);

    [Benchmark(OperationsPerInvoke = ConcurrentCalls, Description = "1,000 calls at once, client in A -> 10 grains in B")]
    [BenchmarkCategory("Concurrent")]
    public Task<PingCount[]> ConcurrentToOtherSilo() => CallAtOnce(manyInB);

    private static string TypeName(Type grainClass) => $"{grainClass.FullName},{grainClass.Assembly.GetName().Name}";

    private async Task SetupAsync()
    {
        // The silos need nothing of ActorRisk's: these grains keep no state and use no service.
        silos = await BenchSilo.StartClusterAsync(2, _ => { });

        // Prefer-local placement: the first call of each target, from a silo's own client, activates it in that silo.
        await ActivateAsync(A, "target-in-a");
        await ActivateAsync(B, "target-in-b");
        for (var i = 0; i < ConcurrentTargets; i++)
        {
            await ActivateAsync(A, $"many-in-a-{i}");
            await ActivateAsync(B, $"many-in-b-{i}");
        }

        // Every measured call starts in A, so all references come from A's grain factory (a reference calls through
        // the runtime of the factory that made it).
        targetInA = A.GrainFactory.GetGrain<IPlacedPingGrain>("target-in-a");
        targetInB = A.GrainFactory.GetGrain<IPlacedPingGrain>("target-in-b");
        callerInA = A.GrainFactory.GetGrain<ICallerGrain>("caller-in-a");
        manyInA = [.. Enumerable.Range(0, ConcurrentTargets).Select(i => A.GrainFactory.GetGrain<IPlacedPingGrain>($"many-in-a-{i}"))];
        manyInB = [.. Enumerable.Range(0, ConcurrentTargets).Select(i => A.GrainFactory.GetGrain<IPlacedPingGrain>($"many-in-b-{i}"))];
        concurrent = new Task<PingCount>[ConcurrentCalls];

        for (var i = 0; i < WarmupCalls; i++)
        {
            await targetInA.AddAsync(One);
            await targetInB.AddAsync(One);
        }

        await callerInA.CallInARowAsync(targetInA, WarmupCalls);
        await callerInA.CallInARowAsync(targetInB, WarmupCalls);
        await CallAtOnce(manyInA);
        await CallAtOnce(manyInB);
        await VerifyPlacementAsync();
    }

    private static Task<PingCount> ActivateAsync(BenchSilo silo, string key) => silo.GrainFactory.GetGrain<IPlacedPingGrain>(key).AddAsync(new PingAdd(0));

    private Task<PingCount[]> CallAtOnce(IPlacedPingGrain[] targets)
    {
        for (var i = 0; i < concurrent.Length; i++)
        {
            concurrent[i] = targets[i % targets.Length].AddAsync(One);
        }

        return Task.WhenAll(concurrent);
    }

    private async Task CleanupAsync()
    {
        try
        {
            if (silos.Length > 0)
            {
                // Still as measured: nothing moved or was activated twice while BenchmarkDotNet ran the calls.
                await VerifyPlacementAsync();
            }
        }
        finally
        {
            await BenchSilo.StopAllAsync(silos);
            silos = [];
        }
    }

    /// <summary>Throws unless each call the benchmarks make reaches the silo their names say, and only there.</summary>
    private async Task VerifyPlacementAsync()
    {
        Expect("client in A -> target in A", A, await targetInA.SiloAsync());
        Expect("client in A -> target in B", B, await targetInB.SiloAsync());

        var (caller, reached) = await callerInA.WhereAsync(targetInA);
        Expect("caller grain", A, caller);
        Expect("caller grain in A -> target in A", A, reached);
        (caller, reached) = await callerInA.WhereAsync(targetInB);
        Expect("caller grain", A, caller);
        Expect("caller grain in A -> target in B", B, reached);
        foreach (var target in manyInA)
        {
            Expect("client in A -> one of the targets in A", A, await target.SiloAsync());
        }

        foreach (var target in manyInB)
        {
            Expect("client in A -> one of the targets in B", B, await target.SiloAsync());
        }

        // One activation of each target, in its silo, and one caller, in A: no duplicate elsewhere that some calls reach.
        const int TargetsPerSilo = 1 + ConcurrentTargets;
        var statistics = await A.GrainFactory.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        int Count(Type grainClass, BenchSilo silo) => statistics
            .Where(s => s.GrainType == TypeName(grainClass) && s.SiloAddress.Equals(silo.Address))
            .Sum(s => s.ActivationCount);
        var counts = (TargetsInA: Count(typeof(PlacedPingGrain), A), TargetsInB: Count(typeof(PlacedPingGrain), B), CallersInA: Count(typeof(CallerGrain), A), CallersInB: Count(typeof(CallerGrain), B));
        if (counts != (TargetsPerSilo, TargetsPerSilo, 1, 0))
        {
            throw new InvalidOperationException($"Expected {TargetsPerSilo} target activations in each silo and one caller in A, found {counts}.");
        }
    }

    private void Expect(string call, BenchSilo expected, SiloAddress actual)
    {
        if (!actual.Equals(expected.Address))
        {
            var name = expected == A ? "A" : "B";
            throw new InvalidOperationException($"{call}: expected the activation in silo {name} ({expected.Address}), it answered from {actual}.");
        }
    }
}
