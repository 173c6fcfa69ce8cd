using System.Text.Json.Nodes;
using ActorRisk.Runtime.Persistence;

namespace ActorRisk.Runtime.Tests.Grains;

/// <summary>Schema 2 of a profile: schema 1 stored one "fullName"; schema 2 splits it.</summary>
[StateSchemaVersion(2)]
public sealed record ProfileState
{
    public string FirstName { get; init; } = "";

    public string LastName { get; init; } = "";
}

/// <summary>Converts schema 1 rows ({"fullName": "Ada Lovelace"}) to schema 2.</summary>
public sealed class ProfileUpgrader : IStateUpgrader<ProfileState>
{
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public JsonNode Upgrade(JsonNode stored, int fromSchemaVersion)
    {
        Interlocked.Increment(ref calls);
        if (fromSchemaVersion != 1)
        {
            throw new InvalidOperationException($"No upgrade from schema {fromSchemaVersion}.");
        }

        var parts = (stored["fullName"]?.GetValue<string>() ?? "").Split(' ', 2);
        return new JsonObject
        {
            ["firstName"] = parts[0],
            ["lastName"] = parts.Length > 1 ? parts[1] : "",
        };
    }
}

public interface IProfileGrain : IGrainWithStringKey
{
    Task<ProfileState> GetAsync();

    Task SetAsync(ProfileState profile);
}

public sealed class ProfileGrain([PersistentState("profile")] IPersistentState<ProfileState> state) : Grain, IProfileGrain
{
    public Task<ProfileState> GetAsync() => Task.FromResult(state.State);

    public Task SetAsync(ProfileState profile)
    {
        state.State = profile;
        return state.WriteStateAsync();
    }
}

public sealed class ProfileGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IProfileGrain
{
    private static readonly GrainMethod<IProfileGrain, NoArgs, ProfileState> Get = new(nameof(GetAsync), static (g, _) => g.GetAsync(), readOnly: true);

    private static readonly GrainMethod<IProfileGrain, ProfileState, Done> Set = new(nameof(SetAsync), static async (g, p) =>
    {
        await g.SetAsync(p);
        return default;
    });

    public Task<ProfileState> GetAsync() => InvokeAsync(Get);

    public Task SetAsync(ProfileState profile) => InvokeAsync(Set, profile);
}

/// <summary>A state that gained fields (Label, Tags) and lost one ("obsolete") without a schema version change.</summary>
public sealed record BagState
{
    public int Count { get; init; }

    public string Label { get; init; } = "unlabelled";

    public IReadOnlyList<string> Tags { get; init; } = [];
}

public interface IBagGrain : IGrainWithStringKey
{
    Task<BagState> GetAsync();

    Task AddAsync(string tag);
}

public sealed class BagGrain([PersistentState("bag")] IPersistentState<BagState> state) : Grain, IBagGrain
{
    public Task<BagState> GetAsync() => Task.FromResult(state.State);

    public Task AddAsync(string tag)
    {
        state.State = state.State with { Count = state.State.Count + 1, Tags = [.. state.State.Tags, tag] };
        return state.WriteStateAsync();
    }
}

public sealed class BagGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IBagGrain
{
    private static readonly GrainMethod<IBagGrain, NoArgs, BagState> Get = new(nameof(GetAsync), static (g, _) => g.GetAsync(), readOnly: true);

    private static readonly GrainMethod<IBagGrain, string, Done> Add = new(nameof(AddAsync), static async (g, t) =>
    {
        await g.AddAsync(t);
        return default;
    });

    public Task<BagState> GetAsync() => InvokeAsync(Get);

    public Task AddAsync(string tag) => InvokeAsync(Add, tag);
}
