using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Messaging;

namespace ActorRisk.Persistence.PostgreSql;

public static class PostgresClusteringClientBuilderExtensions
{
    /// <summary>
    /// Finds the cluster's gateways in PostgreSQL, in the membership table its silos keep (UsePostgresClustering on
    /// the silo builder), for the cluster id of the client's ClusterOptions.
    /// </summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder builder, Action<PostgresClusteringOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configureOptions);
        builder.Services.AddPostgresClusteringOptions(ob => ob.Configure(configureOptions));
        builder.Services.AddSingleton<IGatewayListProvider, PostgresGatewayListProvider>();
        return builder;
    }
}
