using ActorRisk.Runtime.Tests.Grains;

namespace ActorRisk.Runtime.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task ConcurrentCallsAreTurnBased()
    {
        await using var silo = await TestSilo.StartAsync(b => b
            .AddGrain<ICounterGrain, CounterGrain>("counter", (i, id) => new CounterGrainReference(i, id))
            .AddMemoryGrainStorage());
        CounterGrain.ResetProbe();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>("c1");
        await Task.WhenAll(Enumerable.Range(0, 10_000).Select(_ => Task.Run(() => counter.IncrementAsync(1))));
        Assert.Equal(10_000, await counter.GetAsync());
        Assert.Equal(1, CounterGrain.MaxConcurrentTurns);
    }

    [Fact]
    public async Task StatePersistsInPostgres()
    {
        var server = await PostgresServer.InstanceAsync();
        var connectionString = await server.CreateDatabaseAsync("smoke");
        await using var silo = await TestSilo.StartAsync(b => b
            .AddGrain<ICounterGrain, CounterGrain>("counter", (i, id) => new CounterGrainReference(i, id))
            .AddPostgresGrainStorage(connectionString));
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>("c1");
        await counter.IncrementAsync(5);
        await counter.PersistAsync();
        await silo.RestartAsync();
        Assert.Equal(5, await silo.GrainFactory.GetGrain<ICounterGrain>("c1").GetAsync());
    }
}
