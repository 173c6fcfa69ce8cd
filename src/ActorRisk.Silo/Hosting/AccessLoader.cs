namespace ActorRisk.Silo.Hosting;

/// <summary>At start, activates the access grain so that users and keys managed before a restart apply again.</summary>
internal sealed class AccessLoader(IGrainFactory grains) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => grains.GetGrain<IAccessGrain>(IAccessGrain.SingletonKey).GetAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
