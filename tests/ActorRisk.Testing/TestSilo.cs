using ActorRisk.Runtime.Abstractions;
using ActorRisk.Runtime.Core;
using ActorRisk.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorRisk.Testing;

/// <summary>
/// An in-process silo for grain tests (the counterpart of Orleans' TestCluster): one call starts a host with
/// the grain runtime configured by the test; <see cref="RestartAsync"/> stops it gracefully and starts a new
/// one with the same configuration, so tests can check what survives a restart.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly Action<GrainRuntimeBuilder> configure;
    private readonly Action<IServiceCollection>? configureServices;
    private IHost host;

    private TestSilo(IHost host, Action<GrainRuntimeBuilder> configure, Action<IServiceCollection>? configureServices)
    {
        this.host = host;
        this.configure = configure;
        this.configureServices = configureServices;
    }

    public IServiceProvider Services => host.Services;

    public IGrainFactory GrainFactory => host.Services.GetRequiredService<IGrainFactory>();

    public GrainRuntime Runtime => host.Services.GetRequiredService<GrainRuntime>();

    public static async Task<TestSilo> StartAsync(Action<GrainRuntimeBuilder> configure, Action<IServiceCollection>? configureServices = null)
    {
        var host = Build(configure, configureServices);
        await host.StartAsync();
        return new TestSilo(host, configure, configureServices);
    }

    /// <summary>Stops the silo gracefully (grains deactivate and flush) and starts a fresh one.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        host = Build(configure, configureServices);
        await host.StartAsync();
    }

    public async Task StopAsync()
    {
        await host.StopAsync();
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (ObjectDisposedException)
        {
            // Already stopped by the test.
        }
    }

    private static IHost Build(Action<GrainRuntimeBuilder> configure, Action<IServiceCollection>? configureServices)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        configureServices?.Invoke(builder.Services);
        configure(builder.Services.AddGrainRuntime());
        return builder.Build();
    }
}
