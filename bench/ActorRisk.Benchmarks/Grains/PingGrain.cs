namespace ActorRisk.Benchmarks.Grains;

/// <summary>The trivial grain of the call benchmarks: it adds to an in-memory counter and returns it.</summary>
[Alias("bench.ping")]
public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Completes synchronously: the cheapest possible grain method.</summary>
    [Alias("add")]
    Task<PingCount> AddAsync(PingAdd command);

    /// <summary>Yields to the thread pool first, so the turn spans an await (like a grain that does I/O).</summary>
    [Alias("add-after-yield")]
    Task<PingCount> AddAfterYieldAsync(PingAdd command);
}

// [Immutable] is true of both messages (no one changes them after sending): Orleans then passes them by reference
// between caller and grain in the same silo. Without it, Orleans deep-copies every argument and every result of an
// in-silo call (isolation, as if they had crossed the network): here one more object allocated and filled per
// message by the generated copier, and for larger messages a copy of their whole object graph per call.

/// <summary>The argument of a ping call.</summary>
[GenerateSerializer, Immutable, Alias("bench.ping-add")]
public sealed record PingAdd([property: Id(0)] long By);

/// <summary>The counter after the call.</summary>
[GenerateSerializer, Immutable, Alias("bench.ping-count")]
public sealed record PingCount([property: Id(0)] long Value);

[GenerateSerializer, Alias("bench.ping-state")]
public sealed class PingState
{
    [Id(0)]
    public long Value { get; set; }
}

/// <summary>
/// Has a persistent state (memory storage, loaded on activation) that no benchmarked call writes: the runtime
/// path measured is delivery, scheduling and the call chain, not storage.
/// </summary>
[GrainType("bench-ping")]
public sealed class PingGrain([PersistentState("ping")] IPersistentState<PingState> state) : Grain, IPingGrain
{
    public Task<PingCount> AddAsync(PingAdd command) => Task.FromResult(PingLogic.Add(state.State, command));

    public async Task<PingCount> AddAfterYieldAsync(PingAdd command)
    {
        await Task.Yield();
        return PingLogic.Add(state.State, command);
    }
}

/// <summary>
/// The direct-call baseline: the same methods on the same kind of object, created with <c>new</c> and called
/// through the same interface, without Orleans.
/// </summary>
public sealed class DirectPing : IPingGrain
{
    private readonly PingState state = new();

    public Task<PingCount> AddAsync(PingAdd command) => Task.FromResult(PingLogic.Add(state, command));

    public async Task<PingCount> AddAfterYieldAsync(PingAdd command)
    {
        await Task.Yield();
        return PingLogic.Add(state, command);
    }
}

internal static class PingLogic
{
    public static PingCount Add(PingState state, PingAdd command)
    {
        ArgumentNullException.ThrowIfNull(command);
        state.Value += command.By;
        return new PingCount(state.Value);
    }
}
