using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Providers;

namespace ActorRisk.Persistence.PostgreSql;

public static class PostgresGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds a PostgreSQL grain storage named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name, Action<PostgresGrainStorageOptions> configureOptions) =>
        builder.AddPostgresGrainStorage(name, ob => ob.Configure(configureOptions));

    /// <summary>Adds a PostgreSQL grain storage named <paramref name="name"/>, its options bound by the caller (say, from configuration).</summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<PostgresGrainStorageOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPostgresGrainStorage(name, configureOptions);
        return builder;
    }

    /// <summary>Adds a PostgreSQL grain storage as the default one.</summary>
    public static ISiloBuilder AddPostgresGrainStorageAsDefault(this ISiloBuilder builder, Action<PostgresGrainStorageOptions> configureOptions) =>
        builder.AddPostgresGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds a PostgreSQL grain storage as the default one, its options bound by the caller.</summary>
    public static ISiloBuilder AddPostgresGrainStorageAsDefault(this ISiloBuilder builder, Action<OptionsBuilder<PostgresGrainStorageOptions>>? configureOptions = null) =>
        builder.AddPostgresGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);
}
