using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace ActorRisk.ReadModels.DataProtection;

public static class DataProtectionRegistrations
{
    /// <summary>
    /// Keeps the data protection key ring in the read-model database (table data_protection_keys), so every silo
    /// reads the same keys and they survive restarts. Needs the PostgreSQL read models (<see cref="ReadModelRegistrations.AddActorRiskReadModels"/> with a connection string).
    /// </summary>
    public static IDataProtectionBuilder PersistKeysToReadModels(this IDataProtectionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new PostgresDataProtectionKeys(sp.GetRequiredService<ReadModelDatabase>())));
        return builder;
    }
}
