using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using ActorRisk.Persistence.Tests.TestGrains;

namespace ActorRisk.Persistence.Tests.Membership;

/// <summary>
/// Two real silos in this process, on loopback and ports of their own, with one cluster id: they find each other
/// through the PostgreSQL membership table, call each other's grains, see each other leave, and serve a client that
/// finds them through the same table.
/// </summary>
public sealed class TwoSiloClusterTests
{
    [Fact]
    public async Task TwoSilosFormOneClusterCallEachOthersGrainsAndSeeALeaverDead()
    {
        var connectionString = await TestDatabase.CreateAsync("cluster");
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        await using var first = await ClusterSilo.StartAsync(connectionString, clusterId);
        await using var second = await ClusterSilo.StartAsync(connectionString, clusterId);
        await WaitForAsync(() => ActiveSilos(second).Count == 2, "the second silo sees both silos active");
        await WaitForAsync(() => ActiveSilos(first).Count == 2, "the first silo sees both silos active");

        var grain = $"where-{Guid.NewGuid():N}";
        Assert.Equal(first.Address, await first.Grains.GetGrain<IWhereGrain>(grain).SiloAsync());
        Assert.Equal(first.Address, await second.Grains.GetGrain<IWhereGrain>(grain).SiloAsync());

        var firstAddress = first.Address;
        await first.StopAsync();

        await WaitForAsync(
            () => Membership(second).CurrentSnapshot.GetSiloStatus(firstAddress) == SiloStatus.Dead,
            "the second silo sees the first one dead");
        Assert.Equal([second.Address], ActiveSilos(second));
        Assert.Equal(
            nameof(SiloStatus.Dead),
            await TestDatabase.ScalarAsync<string>(connectionString, "SELECT status FROM orleans_membership WHERE cluster_id = $1 AND generation = $2", clusterId, firstAddress.Generation));
    }

    [Fact]
    public async Task AClientFindsTheClusterThroughTheTableAndCallsAGrain()
    {
        var connectionString = await TestDatabase.CreateAsync("cluster_client");
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        await using var first = await ClusterSilo.StartAsync(connectionString, clusterId);
        await using var second = await ClusterSilo.StartAsync(connectionString, clusterId);
        await WaitForAsync(() => ActiveSilos(second).Count == 2, "the second silo sees both silos active");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "actorrisk-tests";
            });
            client.UsePostgresClustering(o => o.ConnectionString = connectionString);
        });
        using var clientHost = builder.Build();
        await clientHost.StartAsync().Within();
        try
        {
            Assert.IsType<PostgresGatewayListProvider>(clientHost.Services.GetRequiredService<Orleans.Messaging.IGatewayListProvider>());
            var where = await clientHost.Services.GetRequiredService<IClusterClient>().GetGrain<IWhereGrain>($"where-{Guid.NewGuid():N}").SiloAsync();

            Assert.Contains(where, new[] { first.Address, second.Address });
        }
        finally
        {
            await clientHost.StopAsync().Within(60);
        }
    }

    private static IClusterMembershipService Membership(ClusterSilo silo) => silo.Services.GetRequiredService<IClusterMembershipService>();

    private static List<SiloAddress> ActiveSilos(ClusterSilo silo) =>
        [.. Membership(silo).CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)];

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }
}
