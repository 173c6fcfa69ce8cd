using ActorRisk.Runtime.Tests.Grains;
using ActorRisk.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Runtime.Tests;

/// <summary>Activation-bound timers: ticks are turns (never alongside a request) and stop with the activation.</summary>
public sealed class TimerTests
{
    private static Task<TestSilo> StartAsync(TimerProbe probe, Action<GrainRuntimeOptions>? options = null) =>
        TestSilo.StartAsync(
            b =>
            {
                b.AddGrain<ITimerGrain, TimerGrain>("timer", (i, id) => new TimerGrainReference(i, id));
                if (options is not null)
                {
                    b.Configure(options);
                }
            },
            s => s.AddSingleton(probe));

    [Fact]
    public async Task TimerTicksNeverRunAlongsideRequests()
    {
        var probe = new TimerProbe();
        await using var silo = await StartAsync(probe);
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>("t1");
        await grain.StartTimerAsync(TimeSpan.FromMilliseconds(1));

        // Requests and ticks compete for the activation until enough ticks have run among the requests.
        var requests = 0;
        while (probe.Ticks < 30 || requests < 200)
        {
            await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => grain.WorkAsync())).Within();
            requests += 10;
            Assert.True(requests < 100_000, "the timer does not tick");
        }

        Assert.Equal(0, probe.Violations);
    }

    [Fact]
    public async Task TimerStopsWhenTheActivationIsDeactivated()
    {
        var probe = new TimerProbe();
        await using var silo = await StartAsync(probe);
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>("t2");
        await grain.StartTimerAsync(TimeSpan.FromMilliseconds(10));
        await Eventually.HoldsAsync(() => probe.Ticks >= 3, "the timer ticks");

        await grain.DeactivateSelfAsync();
        await Eventually.HoldsAsync(() => probe.Deactivated, "the grain deactivates");
        var ticks = probe.Ticks;
        await Task.Delay(300); // thirty periods: a timer that survived its activation would tick

        Assert.Equal(ticks, probe.Ticks);
        Assert.Equal(0, probe.TicksAfterDeactivationRequested);
        Assert.Equal(0, probe.Violations);
    }

    [Fact]
    public async Task DisposingTheTimerStopsIt()
    {
        var probe = new TimerProbe();
        await using var silo = await StartAsync(probe);
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>("t3");
        await grain.StartTimerAsync(TimeSpan.FromMilliseconds(10));
        await Eventually.HoldsAsync(() => probe.Ticks >= 3, "the timer ticks");

        await grain.StopTimerAsync();
        var ticks = probe.Ticks;
        await Task.Delay(300);

        Assert.Equal(ticks, probe.Ticks);
        Assert.False(probe.Deactivated);
    }

    [Fact]
    public async Task TimerTicksDoNotKeepTheGrainFromBeingCollected()
    {
        var probe = new TimerProbe();
        await using var silo = await StartAsync(probe, o =>
        {
            o.CollectionQuantum = TimeSpan.FromMilliseconds(100);
            o.CollectionAge = TimeSpan.FromMilliseconds(300);
        });
        await silo.GrainFactory.GetGrain<ITimerGrain>("t4").StartTimerAsync(TimeSpan.FromMilliseconds(10));

        await Eventually.HoldsAsync(() => probe.Deactivated, "the idle grain is collected although its timer ticks");
        Assert.True(probe.Ticks > 0);
        Assert.Equal(0, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task TicksQueuedBehindADeactivationRequestDoNotRunOnTheCondemnedActivation()
    {
        var probe = new TimerProbe();
        await using var silo = await StartAsync(probe);
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>("t5");
        await grain.StartTimerAsync(TimeSpan.FromMilliseconds(5));
        await Eventually.HoldsAsync(() => probe.Ticks >= 1, "the timer ticks");

        var deactivate = grain.HoldThenDeactivateSelfAsync();
        await Task.Delay(100); // twenty periods: a tick is now waiting for the turn
        probe.Release.SetResult();
        await deactivate.Within();
        await Eventually.HoldsAsync(() => probe.Deactivated, "the grain deactivates");

        Assert.Equal(0, probe.TicksAfterDeactivationRequested);
    }
}
