using ActorRisk.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Runtime.Tests;

/// <summary>
/// Calls keep an activation alive. It depends on calls arriving more often than the collection age, so it
/// runs alone (no other test loads the machine) with a wide margin: a call every 25 ms, collection after 1 s.
/// </summary>
[Collection(nameof(RunAlone))]
public sealed class IdleCollectionTimingTests
{
    [Fact]
    public async Task AnActivationCalledMoreOftenThanItsCollectionAgeIsNotCollected()
    {
        var probe = new LifecycleProbe();
        await using var silo = await TestSilo.StartAsync(
            b => b
                .AddGrain<ILifecycleGrain, LifecycleGrain>("life", (i, id) => new LifecycleGrainReference(i, id))
                .AddMemoryGrainStorage()
                .Configure(o =>
                {
                    o.CollectionQuantum = TimeSpan.FromMilliseconds(50);
                    o.CollectionAge = TimeSpan.FromSeconds(1);
                }),
            s => s.AddSingleton(probe));
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("busy");
        var first = await grain.GetActivationAsync();

        for (var i = 0; i < 60; i++)
        {
            await grain.SetAsync(i);
            await Task.Delay(25);
        }

        Assert.Equal(first.ActivationId, (await grain.GetActivationAsync()).ActivationId);
        Assert.Empty(probe.Deactivations("busy"));
    }
}
