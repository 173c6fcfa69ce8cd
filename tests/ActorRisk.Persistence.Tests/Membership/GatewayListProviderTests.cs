using Microsoft.Extensions.Options;
using Orleans.Configuration;
using static ActorRisk.Persistence.Tests.Membership.MembershipEntries;

namespace ActorRisk.Persistence.Tests.Membership;

/// <summary>The gateways a client finds: Active silos of its cluster that accept clients, and none before any silo started.</summary>
public sealed class GatewayListProviderTests : IAsyncDisposable
{
    private readonly PostgresDatabases databases = new();

    public ValueTask DisposeAsync() => databases.DisposeAsync();

    [Fact]
    public async Task OnlyActiveSilosWithAGatewayPortOfTheClientsClusterAreGateways()
    {
        var connectionString = await TestDatabase.CreateAsync("gateways");
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        var table = await TableAsync(connectionString, clusterId);
        var other = await TableAsync(connectionString, $"other-{Guid.NewGuid():N}");
        var active = New(SiloStatus.Active);
        var noGateway = New(SiloStatus.Active);
        noGateway.ProxyPort = 0;
        var joining = New(SiloStatus.Joining);
        var dead = New(SiloStatus.Dead);
        foreach (var entry in new[] { active, noGateway, joining, dead })
        {
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }

        Assert.True(await other.InsertRow(New(SiloStatus.Active), (await other.ReadAll()).Version.Next()));
        var provider = Provider(connectionString, clusterId);
        await provider.InitializeGatewayListProvider();

        var gateways = await provider.GetGateways();

        var expected = SiloAddress.New(active.SiloAddress.Endpoint.Address, active.ProxyPort, active.SiloAddress.Generation).ToGatewayUri();
        Assert.Equal([expected], gateways);
        Assert.True(provider.IsUpdatable);
    }

    [Fact]
    public async Task BeforeAnySiloMigratedTheDatabaseThereAreNoGatewaysAndNothingIsCreated()
    {
        var connectionString = await TestDatabase.CreateAsync("gateways_empty");
        var provider = Provider(connectionString, "nobody");
        await provider.InitializeGatewayListProvider();

        Assert.Empty(await provider.GetGateways());
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'orleans_%'"));
    }

    private PostgresGatewayListProvider Provider(string connectionString, string clusterId) => new(
        databases,
        Options.Create(new PostgresClusteringOptions { ConnectionString = connectionString }),
        Options.Create(new ClusterOptions { ClusterId = clusterId }),
        Options.Create(new GatewayOptions()));

    private async Task<PostgresMembershipTable> TableAsync(string connectionString, string clusterId)
    {
        var table = new PostgresMembershipTable(
            databases,
            Options.Create(new PostgresClusteringOptions { ConnectionString = connectionString }),
            Options.Create(new ClusterOptions { ClusterId = clusterId }));
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        return table;
    }
}
