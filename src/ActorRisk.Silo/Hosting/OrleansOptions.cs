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
    /// Postgres and azure modes: the address this silo advertises to the others. Loopback by default, so a silo on a
    /// developer's machine or in a test never announces (or is reached on) another interface; a cluster on several
    /// hosts sets each host's address.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>An idle grain leaves memory after this (its state stays stored): at least 1 minute. Orleans' default: 15 minutes.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Failure detection: how long a silo waits for another's answer to a liveness probe (Orleans' ProbeTimeout; it
    /// adapts between half and four times this). With <see cref="MissedProbesLimit"/> it bounds how long a silo that
    /// stopped answering keeps its grains, and so how long its cards wait. 1 second to 1 minute; Orleans' default: 5
    /// seconds. Lower detects a lost machine sooner and risks declaring a slow one dead.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Probes a silo may miss before the others suspect it (Orleans' NumMissedProbesLimit): 1 to 10. Orleans' default: 3.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>
    /// Where the cluster records which silo holds each grain: "eventual" (Orleans' default directory, a hash table
    /// spread over the silos) or "strong" (Orleans' distributed grain directory, which keeps one activation per grain
    /// through silo failures). See docs/architecture.md for the measurements behind the default.
    /// </summary>
    public string GrainDirectory { get; set; } = "eventual";

    public GrainDirectoryKind GrainDirectoryKind => GrainDirectory.ToLowerInvariant() switch
    {
        "eventual" => GrainDirectoryKind.Eventual,
        "strong" => GrainDirectoryKind.Strong,
        _ => throw new InvalidOperationException($"{Section}:{nameof(GrainDirectory)} is '{GrainDirectory}': use eventual (Orleans' default directory) or strong (Orleans' distributed grain directory)."),
    };

    /// <summary>Refuses settings Orleans cannot work with, naming the key at fault.</summary>
    public void Validate()
    {
        if (ProbeTimeout < TimeSpan.FromSeconds(1) || ProbeTimeout > TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException($"{Section}:{nameof(ProbeTimeout)} is {ProbeTimeout}: use 00:00:01 to 00:01:00 (Orleans' default is 00:00:05).");
        }

        if (MissedProbesLimit is < 1 or > 10)
        {
            throw new InvalidOperationException($"{Section}:{nameof(MissedProbesLimit)} is {MissedProbesLimit}: use 1 to 10 (Orleans' default is 3).");
        }

        if (CollectionAge < TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException($"{Section}:{nameof(CollectionAge)} is {CollectionAge}: use at least 00:01:00 (Orleans' default is 00:15:00).");
        }

        _ = GrainDirectoryKind;
    }
}

public enum GrainDirectoryKind
{
    Eventual,
    Strong,
}
