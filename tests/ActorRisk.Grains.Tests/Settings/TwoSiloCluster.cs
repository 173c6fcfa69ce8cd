using ActorRisk.Grains.Settings;

namespace ActorRisk.Grains.Tests.Settings;

/// <summary>
/// Two in-process silos and a client, each silo with its own policy store and access directory and the settings sync a
/// host runs, so a change made through one silo can be watched arriving on the other. Orleans' memory storage keeps
/// grain state in storage grains, so it is one store for both silos, as PostgreSQL or Azure Table would be.
/// </summary>
public sealed class TwoSiloCluster() : InProcessCluster(silos: 2, silo =>
{
    silo.Services.Configure<ClusterSettingsOptions>(o => o.SettingsRefresh = TimeSpan.FromSeconds(1));
    silo.Services.AddHostedService<ClusterSettingsSync>();
})
{
    public IReadOnlyList<IServiceProvider> Silos => [.. Cluster.Silos.Select(s => s.ServiceProvider)];
}
