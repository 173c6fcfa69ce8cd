using System.Net;

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

    /// <summary>
    /// Postgres and azure modes: the address the silo and gateway ports listen on; empty: the advertised address. Set
    /// it apart where the advertised address is not the host's own, e.g. 0.0.0.0 behind Azure Container Apps' TCP
    /// ingress, which forwards the environment's address to the container.
    /// </summary>
    public string ListenAddress { get; set; } = "";

    /// <summary>
    /// Postgres and azure modes: the silo-to-silo port the others dial (1 to 65535); 0: <see cref="SiloPort"/>. Differs
    /// from it where a proxy maps a port of a shared address to this silo, as Container Apps' exposed ports do.
    /// </summary>
    public int AdvertisedSiloPort { get; set; }

    /// <summary>Postgres and azure modes: the gateway port clients dial (1 to 65535); 0: <see cref="GatewayPort"/>. See <see cref="AdvertisedSiloPort"/>.</summary>
    public int AdvertisedGatewayPort { get; set; }

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

    /// <summary>Where the ports listen: <see cref="ListenAddress"/>, or the advertised address when it is empty.</summary>
    public IPAddress ListenIPAddress => ParseAddress(string.IsNullOrWhiteSpace(ListenAddress) ? AdvertisedAddress : ListenAddress, string.IsNullOrWhiteSpace(ListenAddress) ? nameof(AdvertisedAddress) : nameof(ListenAddress));

    public IPAddress AdvertisedIPAddress => ParseAddress(AdvertisedAddress, nameof(AdvertisedAddress));

    public int AdvertisedSiloPortOrDefault => AdvertisedSiloPort == 0 ? SiloPort : AdvertisedSiloPort;

    public int AdvertisedGatewayPortOrDefault => AdvertisedGatewayPort == 0 ? GatewayPort : AdvertisedGatewayPort;

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
        _ = AdvertisedIPAddress;
        _ = ListenIPAddress;
        RequirePort(nameof(SiloPort), SiloPort, allowUnset: false);
        RequirePort(nameof(GatewayPort), GatewayPort, allowUnset: false);
        RequirePort(nameof(AdvertisedSiloPort), AdvertisedSiloPort, allowUnset: true);
        RequirePort(nameof(AdvertisedGatewayPort), AdvertisedGatewayPort, allowUnset: true);
    }

    private static IPAddress ParseAddress(string value, string key) =>
        IPAddress.TryParse(value, out var address)
            ? address
            : throw new InvalidOperationException($"{Section}:{key} is '{value}': use an IP address, such as 127.0.0.1 or 0.0.0.0 (a host name is not resolved).");

    private static void RequirePort(string key, int port, bool allowUnset)
    {
        if ((port == 0 && allowUnset) || port is >= 1 and <= 65535)
        {
            return;
        }

        throw new InvalidOperationException($"{Section}:{key} is {port}: use a port from 1 to 65535{(allowUnset ? " (0: the port it listens on)" : "")}.");
    }
}

public enum GrainDirectoryKind
{
    Eventual,
    Strong,
}
