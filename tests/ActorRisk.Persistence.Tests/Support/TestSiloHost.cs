using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace ActorRisk.Persistence.Tests.Support;

/// <summary>
/// A real Orleans silo in a generic host, on loopback and free ports (parallel test processes never clash), so
/// providers are registered and started exactly as in the product: keyed services, options, lifecycle.
/// </summary>
internal sealed class TestSiloHost(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public IGrainStorage Storage(string name) => host.Services.GetRequiredKeyedService<IGrainStorage>(name);

    public static async Task<TestSiloHost> StartAsync(Action<ISiloBuilder> configure)
    {
        var host = Build(configure);
        try
        {
            await host.StartAsync().Within(120);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TestSiloHost(host);
    }

    public static IHost Build(Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort(), serviceId: "actorrisk-tests", clusterId: $"tests-{Guid.NewGuid():N}");
            configure(silo);
        });
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await host.StopAsync().Within(60);
        }
        finally
        {
            if (host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }

    /// <summary>A loopback port free now (the listener is closed again before Orleans binds it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
