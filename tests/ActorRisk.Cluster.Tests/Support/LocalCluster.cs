using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using ActorRisk.Api.Security;
using Microsoft.AspNetCore.Identity;

namespace ActorRisk.Cluster.Tests.Support;

/// <summary>
/// A cluster of ActorRisk host processes on loopback sharing one <see cref="ClusterStore"/>: silos (grains, API and
/// portal) and API tiers (API and portal over an Orleans client). Every host advertises and binds 127.0.0.1 on ports
/// of its own, and the cluster id is the test's alone, so clusters of parallel tests never meet.
/// </summary>
public sealed class LocalCluster(ClusterStore store) : IAsyncDisposable
{
    /// <summary>ActorRisk:Demo:ApiKey: every API role.</summary>
    public const string ApiKey = "ar_test_cluster_5be0d9a1c7";

    /// <summary>
    /// A portal analyst every host knows: ActorRisk:Users with a PasswordHasher hash, as an operator configures one
    /// (the clear demo users are for Development and memory mode only, and the silos run in Production).
    /// </summary>
    public const string AnalystUserName = "analyst";

    public const string AnalystPassword = "analyst-pass-cluster-1";

    private static readonly Lazy<string> AnalystPasswordHash =
        new(() => new PasswordHasher<PortalUser>().HashPassword(new PortalUser(AnalystUserName, ["analyst"]), AnalystPassword));

    private readonly List<HostProcess> hosts = [];
    private readonly Dictionary<HostProcess, int> siloPorts = [];
    private readonly string tokenizationKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private int silos;

    public string ClusterId { get; } = "cluster-" + Guid.NewGuid().ToString("N")[..8];

    public ClusterStore Store { get; } = store;

    /// <summary>Every host started, exited or not, oldest first: their output is the cluster's log.</summary>
    public IReadOnlyList<HostProcess> All
    {
        get
        {
            lock (hosts)
            {
                return [.. hosts];
            }
        }
    }

    /// <summary>Hosts started and not known to have exited, oldest first.</summary>
    public IReadOnlyList<HostProcess> Running => [.. All.Where(h => !h.HasExited)];

    /// <summary>More settings for every host started from now on (e.g. a shorter card-testing threshold).</summary>
    public Dictionary<string, string> Extra { get; } = [];

    public static async Task<LocalCluster> StartAsync(string mode, int silos, IReadOnlyDictionary<string, string>? extra = null)
    {
        var cluster = new LocalCluster(await ClusterStore.CreateAsync(mode));
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            cluster.Extra[key] = value;
        }

        try
        {
            // The first silo creates the schema; the others join it.
            await cluster.StartSiloAsync();
            await Task.WhenAll(Enumerable.Range(1, silos - 1).Select(_ => cluster.StartSiloAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public Task<HostProcess> StartSiloAsync() => StartAsync("silo", $"silo {Interlocked.Increment(ref silos)}", "Production");

    /// <summary>An API tier in the Development environment, as `dotnet run` starts one: DI scopes are validated there.</summary>
    public Task<HostProcess> StartApiTierAsync() => StartAsync("api", "api", "Development");

    public static HttpClient Client(HostProcess host) => host.Client(ApiKey);

    /// <summary>The Orleans silo port <paramref name="host"/> was given (ActorRisk:Orleans:SiloPort), as <see cref="GrainCensus"/> names silos.</summary>
    public int SiloPort(HostProcess host)
    {
        lock (hosts)
        {
            return siloPorts[host];
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }

    private async Task<HostProcess> StartAsync(string role, string name, string environment)
    {
        var settings = new Dictionary<string, string>
        {
            ["ActorRisk:Role"] = role,
            ["ActorRisk:Tokenization:Key"] = tokenizationKey,
            ["ActorRisk:Demo:ApiKey"] = ApiKey,
            ["ActorRisk:Demo:SeedData"] = "false",
            ["ActorRisk:Orleans:ClusterId"] = ClusterId,
            ["ActorRisk:Orleans:ServiceId"] = ClusterId,
            ["ActorRisk:Orleans:AdvertisedAddress"] = "127.0.0.1",
            ["ActorRisk:Orleans:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["ActorRisk:Users:0:UserName"] = AnalystUserName,
            ["ActorRisk:Users:0:PasswordHash"] = AnalystPasswordHash.Value,
            ["ActorRisk:Users:0:Roles:0"] = "analyst",
            ["ActorRisk:Orleans:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        };
        // Production refuses durable modes without a certificate for the portal's stored keys; every host shares one.
        foreach (var (key, value) in DataProtectionCertificate.Default.Settings().Concat(Store.Settings()).Concat(Extra))
        {
            settings[key] = value;
        }

        var host = await HostProcess.StartAsync(settings, FreePort(), name, environment);
        lock (hosts)
        {
            hosts.Add(host);
            siloPorts[host] = int.Parse(settings["ActorRisk:Orleans:SiloPort"], CultureInfo.InvariantCulture);
        }

        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
