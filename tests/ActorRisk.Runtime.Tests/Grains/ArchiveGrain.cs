namespace ActorRisk.Runtime.Tests.Grains;

public sealed record ArchiveState
{
    public IReadOnlyList<string> Entries { get; init; } = [];
}

/// <summary>A grain whose state lives in a storage named "archive" (not the default one).</summary>
public interface IArchiveGrain : IGrainWithStringKey
{
    Task AddAsync(string entry);

    Task<IReadOnlyList<string>> GetAsync();
}

public sealed class ArchiveGrain([PersistentState("archive", ArchiveGrain.Storage)] IPersistentState<ArchiveState> state) : Grain, IArchiveGrain
{
    public const string Storage = "archive";

    public Task AddAsync(string entry)
    {
        state.State = state.State with { Entries = [.. state.State.Entries, entry] };
        return state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> GetAsync() => Task.FromResult(state.State.Entries);
}

public sealed class ArchiveGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IArchiveGrain
{
    private static readonly GrainMethod<IArchiveGrain, string, Done> Add = new(nameof(AddAsync), static async (g, e) =>
    {
        await g.AddAsync(e);
        return default;
    });

    private static readonly GrainMethod<IArchiveGrain, NoArgs, IReadOnlyList<string>> Get = new(nameof(GetAsync), static (g, _) => g.GetAsync(), readOnly: true);

    public Task AddAsync(string entry) => InvokeAsync(Add, entry);

    public Task<IReadOnlyList<string>> GetAsync() => InvokeAsync(Get);
}
