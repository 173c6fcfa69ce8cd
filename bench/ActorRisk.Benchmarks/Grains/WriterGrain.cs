using System.Globalization;

namespace ActorRisk.Benchmarks.Grains;

/// <summary>The grain of the write benchmarks: every call changes its small state and awaits a durable write.</summary>
[Alias("bench.writer")]
public interface IWriterGrain : IGrainWithStringKey
{
    /// <returns>The stored version after the write.</returns>
    [Alias("write")]
    Task<long> WriteAsync(long value);
}

/// <summary>About 60 bytes of JSON: the size of a small counter state. Stored as JSON (JsonGrainStateSerializer).</summary>
public sealed record WriterState
{
    public long Value { get; init; }

    public long Writes { get; init; }

    public string Label { get; init; } = "bench";
}

[GrainType("writer")]
public sealed class WriterGrain([PersistentState("writer")] IPersistentState<WriterState> state) : Grain, IWriterGrain
{
    public async Task<long> WriteAsync(long value)
    {
        state.State = state.State with { Value = value, Writes = state.State.Writes + 1 };
        await state.WriteStateAsync();

        // The PostgreSQL storage's ETag is the row's version.
        return long.Parse(state.Etag!, CultureInfo.InvariantCulture);
    }
}
