using ActorRisk.Persistence.PostgreSql;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Clustering.AzureStorage;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace ActorRisk.Cluster.Tests.Support;

/// <summary>
/// Where the cluster's grains live, as Orleans' management grain counts them on each silo: an Orleans client in the
/// test process joins the cluster through the store its silos register in (as an API tier does) and asks.
/// </summary>
public sealed class GrainCensus : IAsyncDisposable
{
    private readonly IHost client;

    private GrainCensus(IHost client) => this.client = client;

    public static async Task<GrainCensus> ConnectAsync(LocalCluster cluster)
    {
        var store = cluster.Store;
        var client = new HostBuilder()
            .UseOrleansClient(orleans =>
            {
                orleans.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ClusterId;
                });
                if (store.Azure is null)
                {
                    orleans.UsePostgresClustering(o => o.ConnectionString = store.Postgres);
                }
                else
                {
                    orleans.UseAzureStorageClustering((AzureStorageGatewayOptions o) => o.TableServiceClient = new TableServiceClient(store.Azure));
                }
            })
            .Build();
        await client.StartAsync();
        return new GrainCensus(client);
    }

    /// <summary>Activations of grains whose type name contains <paramref name="grainType"/>, per silo port, on every active silo.</summary>
    public async Task<IReadOnlyDictionary<int, int>> ActivationsAsync(string grainType)
    {
        var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetSimpleGrainStatistics();
        return statistics
            .Where(s => s.GrainType.Contains(grainType, StringComparison.Ordinal))
            .GroupBy(s => s.SiloAddress.Endpoint.Port)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }

    /// <summary>
    /// Where each activation of grain type <paramref name="grainType"/> (its [GrainType] name, "card") lives: its key
    /// (a card token) and the port of its silo, on every active silo.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> PlacementAsync(string grainType)
    {
        var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        return statistics
            .Where(s => s.GrainId.Type.ToString() == grainType)
            .GroupBy(s => s.GrainId.Key.ToString()!)
            .ToDictionary(g => g.Key, g => g.First().SiloAddress.Endpoint.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await client.StopAsync();
        client.Dispose();
    }
}
