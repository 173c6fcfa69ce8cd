using ActorRisk.Runtime.Tests.Grains;
using ActorRisk.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Runtime.Tests;

/// <summary>
/// What is and is not re-entrant: a call back into an activation on the same call chain runs at once; a call
/// from a different chain waits for the turn; a cycle of two separate chains is a real deadlock that ends with
/// TimeoutException after ResponseTimeout.
/// </summary>
public sealed class ReentrancyTests
{
    private static Task<TestSilo> StartAsync(PingProbe probe, TimeSpan? responseTimeout = null) =>
        TestSilo.StartAsync(
            b =>
            {
                b.AddGrain<IPingGrain, PingGrain>("ping", (i, id) => new PingGrainReference(i, id));
                if (responseTimeout is { } timeout)
                {
                    b.Configure(o => o.ResponseTimeout = timeout);
                }
            },
            s => s.AddSingleton(probe));

    [Fact]
    public async Task CallBackIntoTheCallerOnTheSameChainCompletes()
    {
        await using var silo = await StartAsync(new PingProbe(), TimeSpan.FromSeconds(5));
        var a = silo.GrainFactory.GetGrain<IPingGrain>("a");

        // a -> b -> a -> b -> a -> b: every call back finds its target waiting in its own turn.
        var path = await a.PingPongAsync(new PingPong("b", 5)).Within();

        Assert.Equal("a>b>a>b>a>b", path);
    }

    [Fact]
    public async Task ACallFromAnotherChainWaitsForTheTurnInsteadOfInterleaving()
    {
        var probe = new PingProbe();
        await using var silo = await StartAsync(probe);
        var a = silo.GrainFactory.GetGrain<IPingGrain>("a");
        await a.NoopAsync(); // activate

        // a's turn waits inside b; an outside call to a is a different chain and must queue behind that turn.
        var chain = a.CallAndHoldAsync("b");
        await Eventually.HoldsAsync(() => probe.Events.Contains("b:hold-start"), "b is held");
        var outside = a.NoopAsync();
        await Task.Delay(200); // room for a wrongly re-entrant call to run now
        probe.Gate.SetResult();
        await Task.WhenAll(chain, outside).Within();

        var events = probe.Events.ToList();
        Assert.True(events.IndexOf("a:end") < events.LastIndexOf("a:noop"), string.Join(", ", events));
    }

    [Fact]
    public async Task TwoSeparateChainsCallingEachOtherFailWithTimeoutRatherThanHang()
    {
        var probe = new PingProbe();
        await using var silo = await StartAsync(probe, TimeSpan.FromMilliseconds(500));
        var a = silo.GrainFactory.GetGrain<IPingGrain>("a");
        var b = silo.GrainFactory.GetGrain<IPingGrain>("b");

        // a (chain 1) calls b while b (chain 2) calls a: each holds its turn and waits for the other's.
        var aToB = a.CallAfterBarrierAsync("b");
        var bToA = b.CallAfterBarrierAsync("a");
        var failures = await Task.WhenAll(CatchAsync(aToB), CatchAsync(bToA)).Within();

        // The first timeout breaks the cycle. Normally both callers time out; if the machine stalls, the second
        // caller's timer may fire after the cycle broke and its call succeeds — never anything else.
        Assert.Contains(failures, f => f is TimeoutException);
        Assert.All(failures.OfType<Exception>(), f => Assert.IsType<TimeoutException>(f));

        // Both turns really ended: the grains answer again.
        Assert.Equal("a", await a.NoopAsync().Within());
        Assert.Equal("b", await b.NoopAsync().Within());
    }

    [Fact]
    public async Task AGrainExceptionReachesTheCallerUnwrappedThroughAChainAndTheGrainsStayActive()
    {
        await using var silo = await StartAsync(new PingProbe());
        var a = silo.GrainFactory.GetGrain<IPingGrain>("a");

        var direct = await Assert.ThrowsAsync<PingFailedException>(() => a.FailAsync("boom"));
        Assert.Equal("boom", direct.Message);
        Assert.Equal("a", await a.NoopAsync());
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }

    private static async Task<Exception?> CatchAsync(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
