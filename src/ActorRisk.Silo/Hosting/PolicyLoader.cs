namespace ActorRisk.Silo.Hosting;

/// <summary>At start, activates the policy grain so that policies edited before a restart apply again.</summary>
internal sealed class PolicyLoader(IGrainFactory grains) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => grains.GetGrain<IPolicyGrain>(IPolicyGrain.SingletonKey).GetAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
