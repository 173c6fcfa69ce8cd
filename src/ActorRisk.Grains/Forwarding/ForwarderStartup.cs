using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace ActorRisk.Grains.Forwarding;

/// <summary>Starts this silo's forwarder once the silo accepts calls.</summary>
internal sealed class ForwarderStartup(IGrainFactory grains) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ForwarderStartup), ServiceLifecycleStage.Active, _ => grains.GetGrain<IForwarderGrain>(0).StartAsync());

    internal static void Register(IServiceCollection services) =>
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ForwarderStartup>();
}
