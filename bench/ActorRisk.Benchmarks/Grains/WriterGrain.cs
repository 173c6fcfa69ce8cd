namespace ActorRisk.Benchmarks.Grains;

/// <summary>The grain of the write benchmarks: every call changes its small state and awaits a durable write.</summary>
public interface IWriterGrain : IGrainWithStringKey
{
    /// <returns>The stored version after the write.</returns>
    Task<long> WriteAsync(long value);
}

/// <summary>About 60 bytes of JSON: the size of a small counter state.</summary>
public sealed record WriterState
{
    public long Value { get; init; }

    public long Writes { get; init; }

    public string Label { get; init; } = "bench";
}

public sealed class WriterGrain([PersistentState("writer")] IPersistentState<WriterState> state) : Grain, IWriterGrain
{
    public async Task<long> WriteAsync(long value)
    {
        state.State = state.State with { Value = value, Writes = state.State.Writes + 1 };
        await state.WriteStateAsync();
        return long.Parse(state.Etag!, System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class WriterGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IWriterGrain
{
    private static readonly GrainMethod<IWriterGrain, long, long> Write = new(nameof(WriteAsync), static (g, value) => g.WriteAsync(value));

    public Task<long> WriteAsync(long value) => InvokeAsync(Write, value);
}
