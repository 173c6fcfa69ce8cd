using ActorRisk.Grains.Settings;
using Orleans.TestingHost;

namespace ActorRisk.Grains.Tests.Settings;

/// <summary>
/// Two in-process silos and a client, each silo with its own policy store and access directory and the settings sync a
/// host runs, so a change made through one silo can be watched arriving on the other. Orleans' memory storage keeps
/// grain state in storage grains, so it is one store for both silos, as PostgreSQL or Azure Table would be.
/// </summary>
public sealed class TwoSiloCluster : IAsyncLifetime
{
    private InProcessTestCluster? cluster;

    public ManualClock Clock { get; } = new(ClusterFixture.Start);

    public InProcessTestCluster Cluster => cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    public IReadOnlyList<IServiceProvider> Silos => [.. Cluster.Silos.Select(s => s.ServiceProvider)];

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            TestSilo.Configure(silo, Clock, ClusterFixture.Retention);
            silo.Services.Configure<ClusterSettingsOptions>(o => o.SettingsRefresh = TimeSpan.FromSeconds(1));
            silo.Services.AddHostedService<ClusterSettingsSync>();
        });
        builder.ConfigureClient(TestSilo.ConfigureClient);
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
