using Orleans.TestingHost;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>
/// One in-process silo and a client (Orleans.TestingHost's InProcessTestCluster: in-memory transport, silo advertised
/// on 127.0.0.1), shared by the tests of <see cref="SharedCluster"/>, which run one after another.
/// </summary>
public sealed class ClusterFixture() : InProcessCluster(silos: 1)
{
    /// <summary>Mid-month, so moving the clock by a retention or two never closes a month.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>IdempotencyOptions.Retention in these silos: small, and passed by moving <see cref="Clock"/>.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(30);

    /// <summary>The silo's services: its serializer, storage and the host-port doubles.</summary>
    public IServiceProvider Silo => Cluster.Silos[0].ServiceProvider;
}

/// <summary>
/// In-process silos as <see cref="TestSilo"/> configures them, with a client, on a clock the tests move
/// (<see cref="ClusterFixture.Start"/>); <paramref name="configure"/> adds to each silo.
/// </summary>
public abstract class InProcessCluster(short silos, Action<ISiloBuilder>? configure = null) : IAsyncLifetime
{
    private InProcessTestCluster? cluster;

    public ManualClock Clock { get; } = new(ClusterFixture.Start);

    public InProcessTestCluster Cluster => cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            TestSilo.Configure(silo, Clock, ClusterFixture.Retention);
            configure?.Invoke(silo);
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

[CollectionDefinition(Name)]
public sealed class SharedCluster : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
