using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Persistence.Memory;

public static class MemoryStateStorageExtensions
{
    /// <summary>
    /// Registers one <see cref="MemoryStateStorage"/> for the silo (as a service, for listings) and names it as grain
    /// storage under each of <paramref name="names"/>; <paramref name="asDefault"/> also makes it the default storage.
    /// </summary>
    public static ISiloBuilder AddMemoryStateStorage(this ISiloBuilder silo, bool asDefault, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<MemoryStateStorage>();
        foreach (var name in names)
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => sp.GetRequiredService<MemoryStateStorage>());
        }

        if (asDefault)
        {
            silo.Services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredService<MemoryStateStorage>());
        }

        return silo;
    }
}
