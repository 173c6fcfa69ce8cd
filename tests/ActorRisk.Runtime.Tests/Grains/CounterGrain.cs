namespace ActorRisk.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Reads, yields, then writes: two requests interleaving inside it would lose increments.</summary>
    Task<long> IncrementAsync(long by);

    Task<long> GetAsync();

    Task<long> PersistAsync();
}

public sealed record CounterState
{
    public long Value { get; init; }

    public long Writes { get; init; }
}

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    private static int running;

    public static int MaxConcurrentTurns { get; private set; }

    public async Task<long> IncrementAsync(long by)
    {
        var now = Interlocked.Increment(ref running);
        MaxConcurrentTurns = Math.Max(MaxConcurrentTurns, now);
        try
        {
            var value = state.State.Value;
            await Task.Yield();
            state.State = state.State with { Value = value + by };
            return state.State.Value;
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }

    public Task<long> GetAsync() => Task.FromResult(state.State.Value);

    public async Task<long> PersistAsync()
    {
        state.State = state.State with { Writes = state.State.Writes + 1 };
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public static void ResetProbe() => MaxConcurrentTurns = 0;
}

/// <summary>The hand-written typed reference: one GrainMethod per interface method.</summary>
public sealed class CounterGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), ICounterGrain
{
    private static readonly GrainMethod<ICounterGrain, long, long> Increment = new(nameof(IncrementAsync), static (g, by) => g.IncrementAsync(by));
    private static readonly GrainMethod<ICounterGrain, NoArgs, long> Get = new(nameof(GetAsync), static (g, _) => g.GetAsync(), readOnly: true);
    private static readonly GrainMethod<ICounterGrain, NoArgs, long> Persist = new(nameof(PersistAsync), static (g, _) => g.PersistAsync());

    public Task<long> IncrementAsync(long by) => InvokeAsync(Increment, by);

    public Task<long> GetAsync() => InvokeAsync(Get);

    public Task<long> PersistAsync() => InvokeAsync(Persist);
}
