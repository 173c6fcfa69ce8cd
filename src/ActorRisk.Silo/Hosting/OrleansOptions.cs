namespace ActorRisk.Silo.Hosting;

/// <summary>The silo's place in its Orleans cluster, section "ActorRisk:Orleans".</summary>
public sealed class OrleansOptions
{
    public const string Section = "ActorRisk:Orleans";

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "actorrisk";

    /// <summary>Stays the same across deployments: storage and reminders are keyed by it.</summary>
    public string ServiceId { get; set; } = "actorrisk";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port external Orleans clients connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address this silo advertises to the others. Loopback by default, so a silo on a developer's machine or in a
    /// test never announces (or is reached on) another interface; a cluster on several hosts sets each host's address.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>An idle grain leaves memory after this (its state stays stored). Orleans' default: 15 minutes.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);
}
