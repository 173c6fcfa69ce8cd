using System.Text;
using ActorRisk.Runtime.Persistence;
using ActorRisk.Runtime.Tests.Grains;
using ActorRisk.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Runtime.Tests;

/// <summary>Activation on first call with state loaded, failing activations, idle collection, shutdown and DeactivateOnIdle.</summary>
public sealed class ActivationLifecycleTests
{
    /// <summary>A silo with the lifecycle grain on memory storage, reporting to <paramref name="probe"/>.</summary>
    private static Task<TestSilo> StartMemorySiloAsync(LifecycleProbe probe) =>
        TestSilo.StartAsync(
            b =>
            {
                AddLifecycle(b);
                b.AddMemoryGrainStorage();
            },
            s => s.AddSingleton(probe));

    private static void AddLifecycle(GrainRuntimeBuilder b, TimeSpan? collectionAge = null) =>
        b.AddGrain<ILifecycleGrain, LifecycleGrain>("life", (i, id) => new LifecycleGrainReference(i, id), collectionAge);

    [Fact]
    public async Task StateIsLoadedBeforeOnActivateAsyncAndTheFirstTurn()
    {
        var storage = new MemoryGrainStorage();
        var id = new GrainId("life", "preloaded");
        await storage.WriteAsync(id, "life", Encoding.UTF8.GetBytes("""{"value":42}"""), 1, null, CancellationToken.None);
        await storage.WriteAsync(id, "life", Encoding.UTF8.GetBytes("""{"value":43}"""), 1, 1, CancellationToken.None);
        var probe = new LifecycleProbe();
        await using var silo = await TestSilo.StartAsync(
            b => AddLifecycle(b),
            s => s.AddSingleton(probe).AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorage, storage));

        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("preloaded");
        var view = await grain.GetActivationAsync();

        Assert.Equal(43, view.LoadedValue);
        Assert.True(view.RecordExisted);
        Assert.Equal("2", view.Etag);
        Assert.Equal(43, await grain.GetAsync());
    }

    [Fact]
    public async Task FailingActivationSurfacesItsExceptionToEveryWaitingCallerAndTheNextCallRetries()
    {
        var probe = new FlakyProbe { Failures = 1 };
        await using var silo = await TestSilo.StartAsync(
            b => b.AddGrain<IFlakyGrain, FlakyGrain>("flaky", (i, id) => new FlakyGrainReference(i, id)),
            s => s.AddSingleton(probe));
        var grain = silo.GrainFactory.GetGrain<IFlakyGrain>("f1");

        // Five calls queue behind the first activation, which then fails.
        var calls = Enumerable.Range(0, 5).Select(_ => grain.PingAsync()).ToList();
        probe.Release.SetResult();
        foreach (var call in calls)
        {
            var exception = await Assert.ThrowsAsync<FlakyActivationException>(() => call.Within());
            Assert.Contains("attempt 1", exception.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, silo.Runtime.ActivationCount);

        // The next call activates again, and that attempt succeeds.
        Assert.Equal(2, await grain.PingAsync().Within());
        Assert.Equal(2, await grain.PingAsync().Within());
        Assert.Equal(2, probe.Attempts);
    }

    [Fact]
    public async Task IdleActivationIsCollectedAndReactivatesWithItsState()
    {
        var connectionString = await TestDatabase.CreateAsync("idle");
        var probe = new LifecycleProbe();
        await using var silo = await TestSilo.StartAsync(
            b =>
            {
                AddLifecycle(b);
                b.AddPostgresGrainStorage(connectionString)
                    .Configure(o =>
                    {
                        o.CollectionQuantum = TimeSpan.FromMilliseconds(100);
                        o.CollectionAge = TimeSpan.FromMilliseconds(300);
                    });
            },
            s => s.AddSingleton(probe));
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("sleepy");
        await grain.SetAndWriteAsync(7);
        var first = await grain.GetActivationAsync();

        await Eventually.HoldsAsync(() => probe.Deactivations("sleepy").Count == 1, "the idle activation is collected");
        Assert.Equal([DeactivationReasonCode.IdleTimeout], probe.Deactivations("sleepy"));
        Assert.Equal(0, silo.Runtime.ActivationCount);

        var second = await grain.GetActivationAsync();
        Assert.NotEqual(first.ActivationId, second.ActivationId);
        Assert.Equal(7, second.LoadedValue);
        Assert.Equal(7, await grain.GetAsync());
        Assert.Equal(2, probe.Activations("sleepy"));
    }

    [Fact]
    public async Task PerTypeCollectionAgeOverridesTheSiloDefault()
    {
        var probe = new LifecycleProbe();
        await using var silo = await TestSilo.StartAsync(
            b => b
                .AddGrain<ILifecycleGrain, LifecycleGrain>("life", (i, id) => new LifecycleGrainReference(i, id), collectionAge: TimeSpan.FromMilliseconds(200))
                .AddGrain<ICounterGrain, CounterGrain>("counter", (i, id) => new CounterGrainReference(i, id))
                .AddMemoryGrainStorage()
                .Configure(o =>
                {
                    o.CollectionQuantum = TimeSpan.FromMilliseconds(100);
                    o.CollectionAge = TimeSpan.FromHours(1);
                }),
            s => s.AddSingleton(probe));
        await silo.GrainFactory.GetGrain<ICounterGrain>("long-lived").IncrementAsync(1);
        await silo.GrainFactory.GetGrain<ILifecycleGrain>("short-lived").SetAsync(1);
        Assert.Equal(2, silo.Runtime.ActivationCount);

        await Eventually.HoldsAsync(() => probe.Deactivations("short-lived").Count == 1, "the short-lived grain is collected");
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task GracefulRestartDeactivatesWithShuttingDownAndKeepsStateWrittenThere()
    {
        var connectionString = await TestDatabase.CreateAsync("shutdown");
        var probe = new LifecycleProbe();
        await using var silo = await TestSilo.StartAsync(
            b =>
            {
                AddLifecycle(b);
                b.AddPostgresGrainStorage(connectionString);
            },
            s => s.AddSingleton(probe));
        var grains = Enumerable.Range(0, 20).Select(i => silo.GrainFactory.GetGrain<ILifecycleGrain>($"flush-{i}")).ToList();
        for (var i = 0; i < grains.Count; i++)
        {
            await grains[i].SetAndWriteAsync(i);
            await grains[i].SetAndFlushOnDeactivateAsync(1_000 + i); // written only by OnDeactivateAsync
        }

        await silo.RestartAsync();

        for (var i = 0; i < grains.Count; i++)
        {
            var key = $"flush-{i}";
            Assert.Equal([DeactivationReasonCode.ShuttingDown], probe.Deactivations(key));
            Assert.Equal(1_000 + i, await silo.GrainFactory.GetGrain<ILifecycleGrain>(key).GetAsync());
        }
    }

    [Fact]
    public async Task GrainsActivatedByOnDeactivateAsyncDuringShutdownAreDeactivatedToo()
    {
        var connectionString = await TestDatabase.CreateAsync("shutdown_chain");
        var probe = new LifecycleProbe();
        await using var silo = await TestSilo.StartAsync(
            b =>
            {
                AddLifecycle(b);
                b.AddGrain<IReporterGrain, ReporterGrain>("reporter", (i, id) => new ReporterGrainReference(i, id))
                    .AddPostgresGrainStorage(connectionString);
            },
            s => s.AddSingleton(probe));

        // The sink is not active: the reporter's OnDeactivateAsync activates it while the silo stops.
        await silo.GrainFactory.GetGrain<IReporterGrain>("r").ReportOnDeactivateAsync("sink", 17);
        await silo.RestartAsync();

        Assert.Equal([DeactivationReasonCode.ShuttingDown], probe.Deactivations("sink"));
        Assert.Equal(17, await silo.GrainFactory.GetGrain<ILifecycleGrain>("sink").GetAsync());
    }

    [Fact]
    public async Task CallsAfterTheSiloStoppedAreRefused()
    {
        var probe = new LifecycleProbe();
        var silo = await TestSilo.StartAsync(
            b =>
            {
                AddLifecycle(b);
                b.AddMemoryGrainStorage();
            },
            s => s.AddSingleton(probe));
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("late");
        await grain.SetAsync(1);
        await silo.StopAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.GetAsync().Within());
        Assert.Contains("stopping", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, probe.Activations("late"));
    }

    [Fact]
    public async Task StateFlushedOnStopIsSeenByAFreshSilo()
    {
        var connectionString = await TestDatabase.CreateAsync("stop");
        var probe = new LifecycleProbe();
        void Configure(GrainRuntimeBuilder b)
        {
            AddLifecycle(b);
            b.AddPostgresGrainStorage(connectionString);
        }

        var silo = await TestSilo.StartAsync(Configure, s => s.AddSingleton(probe));
        await silo.GrainFactory.GetGrain<ILifecycleGrain>("stopper").SetAndFlushOnDeactivateAsync(99);
        await silo.StopAsync();

        Assert.Equal([DeactivationReasonCode.ShuttingDown], probe.Deactivations("stopper"));
        var row = await TestDatabase.ReadStateAsync(connectionString, new GrainId("life", "stopper"), "life");
        Assert.NotNull(row);
        Assert.Equal(1, row.Version);
        Assert.Contains("99", row.Json, StringComparison.Ordinal);

        await using var fresh = await TestSilo.StartAsync(Configure, s => s.AddSingleton(probe));
        Assert.Equal(99, await fresh.GrainFactory.GetGrain<ILifecycleGrain>("stopper").GetAsync());
    }

    [Fact]
    public async Task DeactivateOnIdleEndsTheActivationAfterTheTurn()
    {
        var probe = new LifecycleProbe();
        await using var silo = await StartMemorySiloAsync(probe);
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("quitter");
        await grain.SetAndWriteAsync(5);
        var first = await grain.GetActivationAsync();

        await grain.DeactivateSelfAsync();
        await Eventually.HoldsAsync(() => probe.Deactivations("quitter").Count == 1, "the grain deactivates");

        Assert.Equal([DeactivationReasonCode.ApplicationRequested], probe.Deactivations("quitter"));
        var second = await grain.GetActivationAsync();
        Assert.NotEqual(first.ActivationId, second.ActivationId);
        Assert.Equal(5, second.LoadedValue);
    }

    [Fact]
    public async Task CallsQueuedBehindDeactivateOnIdleRunOnANewActivation()
    {
        var probe = new LifecycleProbe();
        await using var silo = await StartMemorySiloAsync(probe);
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("queued");
        var first = await grain.GetActivationAsync();

        // The deactivation request holds its turn while five more calls queue behind it.
        var deactivate = grain.HoldThenDeactivateSelfAsync();
        var after = Enumerable.Range(0, 5).Select(_ => grain.GetActivationAsync()).ToList();
        probe.Release.SetResult();
        await deactivate.Within();
        var views = await Task.WhenAll(after).Within();

        Assert.All(views, v => Assert.NotEqual(first.ActivationId, v.ActivationId));
        Assert.Equal(2, probe.Activations("queued"));
    }

    [Fact]
    public async Task ATurnLongerThanTheResponseTimeoutFailsItsCallerButKeepsTheActivationUntilItEnds()
    {
        var probe = new LifecycleProbe();
        await using var silo = await TestSilo.StartAsync(
            b =>
            {
                AddLifecycle(b);
                b.AddMemoryGrainStorage().Configure(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(300));
            },
            s => s.AddSingleton(probe));
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("slow");

        await Assert.ThrowsAsync<TimeoutException>(() => grain.HoldThenSetAndWriteAsync(5).Within());
        await Assert.ThrowsAsync<TimeoutException>(() => grain.GetAsync().Within()); // still queued behind the running turn
        probe.Release.SetResult();

        // The abandoned turn finished its write and released the activation.
        await Eventually.HoldsAsync(async () => await grain.GetAsync() == 5, "the abandoned turn completes");
        Assert.Equal("2", await grain.SetAndWriteAsync(6)); // its write was version 1
        Assert.Equal(1, probe.Activations("slow"));
    }
}
