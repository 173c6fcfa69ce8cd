using System.Text.Json.Nodes;
using Orleans.Storage;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>What the silo's grain storage holds, read and written the way the grains' own state is.</summary>
public static class StoredState
{
    public static async Task<T?> ReadAsync<T>(IServiceProvider silo, string stateName, GrainId grain, string storage = StorageNames.Default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var state = new GrainState<T>();
        await silo.GetRequiredKeyedService<IGrainStorage>(storage).ReadStateAsync(stateName, grain, state);
        return state.RecordExists ? state.State : default;
    }

    /// <summary>Stores <paramref name="json"/> as it is, as state written by another version would be.</summary>
    public static Task WriteJsonAsync(IServiceProvider silo, string stateName, GrainId grain, string json, string storage = StorageNames.Default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var state = new GrainState<JsonNode>(JsonNode.Parse(json)!);
        return silo.GetRequiredKeyedService<IGrainStorage>(storage).WriteStateAsync(stateName, grain, state);
    }
}
