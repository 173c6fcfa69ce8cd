namespace ActorRisk.Silo.Hosting;

/// <summary>What a host process does in the cluster: ActorRisk:Role (<c>--role</c>).</summary>
public enum HostRole
{
    /// <summary>The default: an Orleans silo hosting grains, with the API and the portal in the same process.</summary>
    Silo,

    /// <summary>
    /// An API tier: the API and the portal over an Orleans client connected to the silos through the cluster's store,
    /// hosting no grains. Scales apart from the silos; needs durable storage, which the silos share with it.
    /// </summary>
    Api,
}
