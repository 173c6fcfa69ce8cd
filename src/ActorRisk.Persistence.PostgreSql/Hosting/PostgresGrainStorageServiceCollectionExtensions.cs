using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;

namespace ActorRisk.Persistence.PostgreSql;

public static class PostgresGrainStorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds a PostgreSQL grain storage named <paramref name="name"/>, registered the way Orleans' own providers
    /// are: named options, the default serializer filled in after configuration, a keyed IGrainStorage, and a
    /// silo lifecycle participant that migrates the database at start.
    /// </summary>
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, string name, Action<OptionsBuilder<PostgresGrainStorageOptions>>? configureOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        configureOptions?.Invoke(services.AddOptions<PostgresGrainStorageOptions>(name));
        services.TryAddEnumerable(ServiceDescriptor.Transient<IPostConfigureOptions<PostgresGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<PostgresGrainStorageOptions>>());
        services.ConfigureNamedOptionForLogging<PostgresGrainStorageOptions>(name);
        services.AddTransient<IConfigurationValidator>(sp => new PostgresGrainStorageOptionsValidator(
            sp.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(name), name));
        services.TryAddSingleton<PostgresDatabases>();
        return services.AddGrainStorage(name, PostgresGrainStorage.Create);
    }

    /// <inheritdoc cref="AddPostgresGrainStorage(IServiceCollection, string, Action{OptionsBuilder{PostgresGrainStorageOptions}}?)"/>
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, string name, Action<PostgresGrainStorageOptions> configureOptions) =>
        services.AddPostgresGrainStorage(name, ob => ob.Configure(configureOptions));

    /// <summary>Adds a PostgreSQL grain storage as the default one (used by [PersistentState] without a storage name).</summary>
    public static IServiceCollection AddPostgresGrainStorageAsDefault(this IServiceCollection services, Action<PostgresGrainStorageOptions> configureOptions) =>
        services.AddPostgresGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);
}
