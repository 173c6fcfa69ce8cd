using System.Net;
using System.Net.Sockets;
using ActorRisk.Abstractions;
using ActorRisk.Abstractions.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace ActorRisk.Benchmarks;

/// <summary>
/// An Orleans silo in this process, in a cluster of its own on loopback: localhost clustering on two free ports, a
/// fresh cluster id, bound to and advertised on 127.0.0.1 only, so it never meets another silo on the machine.
/// Either alone (<see cref="StartAsync"/>) or with other silos of the same process (<see cref="StartClusterAsync"/>).
/// ActorRisk's serialization and JSON grain state are configured as SiloComposition configures them.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);

    private readonly IHost host;

    private BenchSilo(IHost host) => this.host = host;

    public IGrainFactory GrainFactory => host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => host.Services;

    /// <summary>This silo's address in the cluster: where Orleans says an activation is.</summary>
    public SiloAddress Address => host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public static Task<BenchSilo> StartAsync(Action<ISiloBuilder> configure) => StartAsync(NewClusterId(), primary: null, configure);

    /// <summary>
    /// <paramref name="count"/> silos of one fresh cluster, started one after the other. The first is the primary:
    /// development clustering keeps the membership table in it, and the others join through its silo endpoint.
    /// Returns once every silo sees all of them active, so no silo places or looks up grains on a partial view.
    /// </summary>
    public static async Task<BenchSilo[]> StartClusterAsync(int count, Action<ISiloBuilder> configure)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var clusterId = NewClusterId();
        var silos = new List<BenchSilo>();
        try
        {
            silos.Add(await StartAsync(clusterId, primary: null, configure));
            var primary = silos[0].Address.Endpoint;
            for (var i = 1; i < count; i++)
            {
                silos.Add(await StartAsync(clusterId, primary, configure));
            }

            await WaitForViewsAsync(silos).WaitAsync(StartLimit);
            return [.. silos];
        }
        catch
        {
            await StopAllAsync(silos);
            throw;
        }
    }

    /// <summary>Stops silos in the reverse order of their start, so the primary (the membership table) goes last.</summary>
    public static async Task StopAllAsync(IReadOnlyList<BenchSilo> silos)
    {
        for (var i = silos.Count - 1; i >= 0; i--)
        {
            await silos[i].DisposeAsync();
        }
    }

    private static async Task<BenchSilo> StartAsync(string clusterId, IPEndPoint? primary, Action<ISiloBuilder> configure)
    {
        // No defaults: no appsettings or environment can change what is measured.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // Warnings and errors only: a failing silo must say why, but nothing may write to the console while measuring.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), primary, serviceId: "actorrisk-bench", clusterId: clusterId);
            silo.Services.AddSerializer(serializer => serializer.AddActorRiskSerialization());
            silo.Services.AddKeyedSingleton<IGrainStorageSerializer, JsonGrainStateSerializer>(StorageNames.Default);
            configure(silo);
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(StartLimit);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new BenchSilo(host);
    }

    private static async Task WaitForViewsAsync(List<BenchSilo> silos)
    {
        var addresses = silos.Select(s => s.Address).ToHashSet();
        foreach (var silo in silos)
        {
            var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
            while (!addresses.SetEquals(membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private static string NewClusterId() => "bench-" + Guid.NewGuid().ToString("N")[..8];

    public async ValueTask DisposeAsync()
    {
        try
        {
            await host.StopAsync().WaitAsync(StartLimit);
        }
        finally
        {
            host.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
