using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Runtime.Persistence;

/// <summary>The runtime's IGrainCatalog: lists keys from the named grain storage.</summary>
internal sealed class GrainCatalog(IServiceProvider services) : IGrainCatalog
{
    public Task<IReadOnlyList<string>> ListKeysAsync(string grainType, string stateName, string? afterKey, int limit, string storageName = PersistentStateAttribute.DefaultStorage, CancellationToken cancellationToken = default) =>
        services.GetRequiredKeyedService<IGrainStorage>(storageName).ListKeysAsync(grainType, stateName, afterKey, limit, cancellationToken);
}
