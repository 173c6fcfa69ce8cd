using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace ActorRisk.Persistence.Tests.Membership;

/// <summary>
/// One silo of a test cluster kept in PostgreSQL: a generic host on loopback with ports of its own, clustered through
/// <see cref="PostgresClusteringSiloBuilderExtensions.UsePostgresClustering"/> under the given cluster id.
/// </summary>
internal sealed class ClusterSilo(IHost host) : IAsyncDisposable
{
    private bool stopped;

    public IServiceProvider Services => host.Services;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public SiloAddress Address => host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public static async Task<ClusterSilo> StartAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "actorrisk-tests";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, TestSiloHost.FreePort(), TestSiloHost.FreePort(), listenOnAnyHostAddress: false);
            silo.UsePostgresClustering(o => o.ConnectionString = connectionString);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync().Within();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ClusterSilo(host);
    }

    /// <summary>Stops the silo the way an operator's shutdown does: it leaves the cluster, marking itself Dead.</summary>
    public async Task StopAsync()
    {
        stopped = true;
        await host.StopAsync().Within(60);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!stopped)
            {
                await host.StopAsync().Within(60);
            }
        }
        finally
        {
            host.Dispose();
        }
    }
}
