using System.Collections.Concurrent;
using System.Diagnostics;
using ActorRisk.Runtime.Diagnostics;
using ActorRisk.Runtime.Tests.Grains;
using ActorRisk.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Runtime.Tests;

/// <summary>The runtime's System.Diagnostics.Metrics instruments and traces (told apart from other tests by grain type).</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task GrainCallsAreCountedAndTimed()
    {
        using var metrics = new MetricRecorder("actorrisk.grain.calls", "actorrisk.grain.call.duration", "actorrisk.grain.calls.failed");
        await using var silo = await TestSilo.StartAsync(b => b
            .AddGrain<ICounterGrain, CounterGrain>("metrics-counter", (i, id) => new CounterGrainReference(i, id))
            .AddMemoryGrainStorage());
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>("m");

        for (var i = 0; i < 25; i++)
        {
            await counter.IncrementAsync(1);
        }

        await counter.GetAsync();

        Assert.Equal(26, metrics.Of("actorrisk.grain.calls", "metrics-counter").Sum(m => m.Value));
        var durations = metrics.Of("actorrisk.grain.call.duration", "metrics-counter").ToList();
        Assert.Equal(26, durations.Count);
        Assert.All(durations, d => Assert.True(d.Value >= 0));
        Assert.Empty(metrics.Of("actorrisk.grain.calls.failed", "metrics-counter"));
    }

    [Fact]
    public async Task FailedCallsAndActivationsAreCounted()
    {
        using var metrics = new MetricRecorder("actorrisk.grain.calls", "actorrisk.grain.calls.failed");
        var probe = new FlakyProbe { Failures = 1 };
        probe.Release.SetResult();
        await using var silo = await TestSilo.StartAsync(
            b => b.AddGrain<IFlakyGrain, FlakyGrain>("metrics-flaky", (i, id) => new FlakyGrainReference(i, id)),
            s => s.AddSingleton(probe));
        var grain = silo.GrainFactory.GetGrain<IFlakyGrain>("m");

        await Assert.ThrowsAsync<FlakyActivationException>(() => grain.PingAsync());
        await grain.PingAsync();

        Assert.Equal(2, metrics.Of("actorrisk.grain.calls", "metrics-flaky").Sum(m => m.Value));
        Assert.Equal(1, metrics.Of("actorrisk.grain.calls.failed", "metrics-flaky").Sum(m => m.Value));
    }

    [Fact]
    public async Task GrainCallsAreTraced()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RuntimeInstruments.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var silo = await TestSilo.StartAsync(b => b
            .AddGrain<ICounterGrain, CounterGrain>("traced-counter", (i, id) => new CounterGrainReference(i, id))
            .AddMemoryGrainStorage());

        await silo.GrainFactory.GetGrain<ICounterGrain>("t").IncrementAsync(1);

        var call = Assert.Single(activities, a => a.OperationName == "grain.call" && Equals(a.GetTagItem("grain.id"), "traced-counter/t"));
        Assert.Equal("IncrementAsync", call.GetTagItem("grain.method"));
        Assert.Contains(activities, a => a.OperationName == "grain.activate" && Equals(a.GetTagItem("grain.id"), "traced-counter/t"));
    }
}
