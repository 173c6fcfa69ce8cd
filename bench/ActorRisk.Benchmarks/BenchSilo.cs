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
/// An Orleans silo in this process, a cluster of its own on loopback: localhost clustering on two free ports, a
/// fresh cluster id, bound to and advertised on 127.0.0.1 only, so it never meets another silo on the machine.
/// ActorRisk's serialization and JSON grain state are configured as SiloComposition configures them.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);

    private readonly IHost host;

    private BenchSilo(IHost host) => this.host = host;

    public IGrainFactory GrainFactory => host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => host.Services;

    public static async Task<BenchSilo> StartAsync(Action<ISiloBuilder> configure)
    {
        // No defaults: no appsettings or environment can change what is measured.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // Warnings and errors only: a failing silo must say why, but nothing may write to the console while measuring.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: "actorrisk-bench", clusterId: "bench-" + Guid.NewGuid().ToString("N")[..8]);
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
