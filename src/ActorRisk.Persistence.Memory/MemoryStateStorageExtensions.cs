using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Providers;

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
        var keyed = asDefault ? names.Append(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME).Distinct(StringComparer.Ordinal) : names;
        foreach (var name in keyed)
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => sp.GetRequiredService<MemoryStateStorage>());
        }

        // Grains without a storage name ask for the non-keyed default; resolving it through the "Default" name, as
        // Orleans' own providers do, lets a later registration under that name (a test's recording storage) replace it.
        if (asDefault)
        {
            silo.Services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        }

        return silo;
    }
}
