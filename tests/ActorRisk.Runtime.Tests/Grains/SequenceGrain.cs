using System.Globalization;

namespace ActorRisk.Runtime.Tests.Grains;

public sealed record SequenceState
{
    /// <summary>The last sequence number written: each caller writes strictly increasing numbers.</summary>
    public long Seq { get; init; }

    /// <summary>Writes this state has seen (committed or not: a write whose outcome was unknown still counts here).</summary>
    public long Writes { get; init; }

    /// <summary>Every sequence number written, in order.</summary>
    public IReadOnlyList<long> History { get; init; } = [];
}

/// <summary>A grain that durably records sequence numbers, for the group-commit tests.</summary>
public interface ISequenceGrain : IGrainWithStringKey
{
    /// <summary>Appends <paramref name="seq"/> and writes the state; returns the new version once it is durable.</summary>
    Task<long> WriteAsync(long seq);

    Task<SequenceState> GetAsync();
}

public sealed class SequenceGrain([PersistentState("seq")] IPersistentState<SequenceState> state) : Grain, ISequenceGrain
{
    public async Task<long> WriteAsync(long seq)
    {
        state.State = state.State with { Seq = seq, Writes = state.State.Writes + 1, History = [.. state.State.History, seq] };
        await state.WriteStateAsync();
        return long.Parse(state.Etag!, CultureInfo.InvariantCulture);
    }

    public Task<SequenceState> GetAsync() => Task.FromResult(state.State);
}

public sealed class SequenceGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), ISequenceGrain
{
    private static readonly GrainMethod<ISequenceGrain, long, long> Write = new(nameof(WriteAsync), static (g, s) => g.WriteAsync(s));

    private static readonly GrainMethod<ISequenceGrain, NoArgs, SequenceState> Get = new(nameof(GetAsync), static (g, _) => g.GetAsync(), readOnly: true);

    public Task<long> WriteAsync(long seq) => InvokeAsync(Write, seq);

    public Task<SequenceState> GetAsync() => InvokeAsync(Get);
}
