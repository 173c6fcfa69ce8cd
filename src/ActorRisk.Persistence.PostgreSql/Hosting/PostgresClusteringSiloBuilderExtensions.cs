using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace ActorRisk.Persistence.PostgreSql;

public static class PostgresClusteringSiloBuilderExtensions
{
    /// <summary>
    /// Keeps the cluster's membership in PostgreSQL (tables orleans_membership and orleans_membership_version), so
    /// silos on several hosts with the same cluster id find each other. The silo's endpoints are the caller's
    /// (ConfigureEndpoints): they are what the silo advertises in the table.
    /// </summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, Action<PostgresClusteringOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configureOptions);
        builder.Services.AddPostgresClusteringOptions(ob => ob.Configure(configureOptions));
        builder.Services.AddSingleton<PostgresMembershipTable>();
        builder.Services.AddSingleton<IMembershipTable>(sp => sp.GetRequiredService<PostgresMembershipTable>());
        return builder;
    }

    /// <summary>What silos and clients share: the options, their validation and the pools.</summary>
    internal static IServiceCollection AddPostgresClusteringOptions(this IServiceCollection services, Action<OptionsBuilder<PostgresClusteringOptions>> configureOptions)
    {
        services.TryAddSingleton<PostgresDatabases>();
        services.ConfigureFormatter<PostgresClusteringOptions>();
        services.AddSingleton<IConfigurationValidator, PostgresClusteringOptionsValidator>();
        configureOptions(services.AddOptions<PostgresClusteringOptions>());
        return services;
    }
}
