namespace ActorRisk.Benchmarks.Grains;

/// <summary>The trivial grain of the call benchmarks: it adds to an in-memory counter and returns it.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Completes synchronously: the cheapest possible grain method.</summary>
    Task<long> AddAsync(long by);

    /// <summary>Yields to the thread pool first, so the turn spans an await (like a grain that does I/O).</summary>
    Task<long> AddAfterYieldAsync(long by);
}

public sealed class PingState
{
    public long Value { get; set; }
}

/// <summary>
/// Has a persistent state (memory storage, loaded on activation) that no benchmarked call writes: the
/// runtime path measured is delivery, the turn gate and the call chain, not storage.
/// </summary>
public sealed class PingGrain([PersistentState("ping")] IPersistentState<PingState> state) : Grain, IPingGrain
{
    public Task<long> AddAsync(long by)
    {
        state.State.Value += by;
        return Task.FromResult(state.State.Value);
    }

    public async Task<long> AddAfterYieldAsync(long by)
    {
        await Task.Yield();
        state.State.Value += by;
        return state.State.Value;
    }
}

/// <summary>Hand-written typed reference, as in the runtime's tests: one GrainMethod per interface method.</summary>
public sealed class PingGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IPingGrain
{
    private static readonly GrainMethod<IPingGrain, long, long> Add = new(nameof(AddAsync), static (g, by) => g.AddAsync(by));
    private static readonly GrainMethod<IPingGrain, long, long> AddAfterYield = new(nameof(AddAfterYieldAsync), static (g, by) => g.AddAfterYieldAsync(by));

    public Task<long> AddAsync(long by) => InvokeAsync(Add, by);

    public Task<long> AddAfterYieldAsync(long by) => InvokeAsync(AddAfterYield, by);
}

/// <summary>
/// The state given to a grain object created with <c>new</c> for the direct-call baseline: the same object
/// shape the runtime builds, without the runtime.
/// </summary>
public sealed class LocalState<TState> : IPersistentState<TState>
    where TState : new()
{
    public TState State { get; set; } = new();

    public string? Etag => null;

    public bool RecordExists => false;

    public Task ReadStateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task WriteStateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<RequestResult<TAnswer>> WriteStateAsync<TAnswer>(RequestId request, TAnswer answer, CancellationToken cancellationToken = default) =>
        Task.FromResult(new RequestResult<TAnswer>(request, Applied: true, answer, default, AppliedAt: null));

    public Task ClearStateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
