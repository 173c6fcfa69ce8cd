using System.Collections.Concurrent;

namespace ActorRisk.Runtime.Tests.Grains;

public sealed record PingPong(string Other, int Remaining);

/// <summary>Grains that call each other, for the reentrancy tests.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Calls <see cref="PingPong.Other"/>, which calls back, and so on, in one call chain; returns the path ("a>b>a").</summary>
    Task<string> PingPongAsync(PingPong request);

    /// <summary>Waits until every grain of the test is inside this method, then calls <paramref name="other"/> (a cycle of two separate chains).</summary>
    Task<string> CallAfterBarrierAsync(string other);

    /// <summary>Calls <paramref name="other"/>'s <see cref="HoldAsync"/> and records its own end.</summary>
    Task CallAndHoldAsync(string other);

    /// <summary>Records its start, waits for the probe's gate, records its end.</summary>
    Task HoldAsync();

    Task<string> NoopAsync();

    /// <summary>Throws <see cref="PingFailedException"/> after an await.</summary>
    Task<string> FailAsync(string message);
}

public sealed class PingFailedException(string message) : Exception(message);

public sealed class PingProbe
{
    private readonly TaskCompletionSource bothInside = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int inside;

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<string> Events { get; } = new();

    internal Task ArriveAsync(int expected)
    {
        if (Interlocked.Increment(ref inside) >= expected)
        {
            bothInside.TrySetResult();
        }

        return bothInside.Task;
    }
}

public sealed class PingGrain(PingProbe probe) : Grain, IPingGrain
{
    public async Task<string> PingPongAsync(PingPong request)
    {
        if (request.Remaining == 0)
        {
            return Key;
        }

        var rest = await GrainFactory.GetGrain<IPingGrain>(request.Other).PingPongAsync(new PingPong(Key, request.Remaining - 1));
        return Key + ">" + rest;
    }

    public async Task<string> CallAfterBarrierAsync(string other)
    {
        await probe.ArriveAsync(2).WaitAsync(TimeSpan.FromSeconds(20));

        // Both turns are now held. The pause makes sure the outer calls' deadlines pass before either inner call's.
        await Task.Delay(100);
        return await GrainFactory.GetGrain<IPingGrain>(other).NoopAsync();
    }

    public async Task CallAndHoldAsync(string other)
    {
        probe.Events.Enqueue(Key + ":start");
        await GrainFactory.GetGrain<IPingGrain>(other).HoldAsync();
        probe.Events.Enqueue(Key + ":end");
    }

    public async Task HoldAsync()
    {
        probe.Events.Enqueue(Key + ":hold-start");
        await probe.Gate.Task.WaitAsync(TimeSpan.FromSeconds(20));
        probe.Events.Enqueue(Key + ":hold-end");
    }

    public Task<string> NoopAsync()
    {
        probe.Events.Enqueue(Key + ":noop");
        return Task.FromResult(Key);
    }

    public async Task<string> FailAsync(string message)
    {
        await Task.Yield();
        throw new PingFailedException(message);
    }
}

public sealed class PingGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IPingGrain
{
    private static readonly GrainMethod<IPingGrain, PingPong, string> PingPongMethod = new(nameof(PingPongAsync), static (g, r) => g.PingPongAsync(r));

    private static readonly GrainMethod<IPingGrain, string, string> CallAfterBarrier = new(nameof(CallAfterBarrierAsync), static (g, o) => g.CallAfterBarrierAsync(o));

    private static readonly GrainMethod<IPingGrain, string, Done> CallAndHold = new(nameof(CallAndHoldAsync), static async (g, o) =>
    {
        await g.CallAndHoldAsync(o);
        return default;
    });

    private static readonly GrainMethod<IPingGrain, NoArgs, Done> Hold = new(nameof(HoldAsync), static async (g, _) =>
    {
        await g.HoldAsync();
        return default;
    });

    private static readonly GrainMethod<IPingGrain, NoArgs, string> Noop = new(nameof(NoopAsync), static (g, _) => g.NoopAsync());

    private static readonly GrainMethod<IPingGrain, string, string> Fail = new(nameof(FailAsync), static (g, m) => g.FailAsync(m));

    public Task<string> PingPongAsync(PingPong request) => InvokeAsync(PingPongMethod, request);

    public Task<string> CallAfterBarrierAsync(string other) => InvokeAsync(CallAfterBarrier, other);

    public Task CallAndHoldAsync(string other) => InvokeAsync(CallAndHold, other);

    public Task HoldAsync() => InvokeAsync(Hold);

    public Task<string> NoopAsync() => InvokeAsync(Noop);

    public Task<string> FailAsync(string message) => InvokeAsync(Fail, message);
}
