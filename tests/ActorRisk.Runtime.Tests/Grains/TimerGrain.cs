namespace ActorRisk.Runtime.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartTimerAsync(TimeSpan period);

    Task StopTimerAsync();

    /// <summary>A request that takes a little while: a timer tick overlapping it is a violation.</summary>
    Task WorkAsync();

    Task DeactivateSelfAsync();

    /// <summary>Asks for deactivation, then holds its turn until <see cref="TimerProbe.Release"/> opens (timer ticks queue behind it).</summary>
    Task HoldThenDeactivateSelfAsync();
}

public sealed class TimerProbe
{
    private int busy;
    private int violations;
    private int ticks;
    private int ticksAfterDeactivationRequested;
    private int deactivationRequested;
    private int deactivated;

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Violations => Volatile.Read(ref violations);

    public int Ticks => Volatile.Read(ref ticks);

    /// <summary>Ticks that ran after the grain asked to be deactivated: they would run on a condemned activation.</summary>
    public int TicksAfterDeactivationRequested => Volatile.Read(ref ticksAfterDeactivationRequested);

    public bool Deactivated => Volatile.Read(ref deactivated) != 0;

    internal void Enter()
    {
        if (Interlocked.Increment(ref busy) != 1)
        {
            Interlocked.Increment(ref violations);
        }
    }

    internal void Exit() => Interlocked.Decrement(ref busy);

    internal void Tick()
    {
        Interlocked.Increment(ref ticks);
        if (Volatile.Read(ref deactivationRequested) != 0)
        {
            Interlocked.Increment(ref ticksAfterDeactivationRequested);
        }
    }

    internal void MarkDeactivationRequested() => Volatile.Write(ref deactivationRequested, 1);

    internal void MarkDeactivated() => Volatile.Write(ref deactivated, 1);
}

public sealed class TimerGrain(TimerProbe probe) : Grain, ITimerGrain
{
    private IDisposable? timer;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.MarkDeactivated();
        return Task.CompletedTask;
    }

    public Task StartTimerAsync(TimeSpan period)
    {
        timer = RegisterGrainTimer(OnTickAsync, TimeSpan.Zero, period);
        return Task.CompletedTask;
    }

    public Task StopTimerAsync()
    {
        timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task WorkAsync()
    {
        probe.Enter();
        try
        {
            await Task.Delay(1);
        }
        finally
        {
            probe.Exit();
        }
    }

    public Task DeactivateSelfAsync()
    {
        probe.MarkDeactivationRequested();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task HoldThenDeactivateSelfAsync()
    {
        probe.MarkDeactivationRequested();
        DeactivateOnIdle();
        await probe.Release.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        probe.Enter();
        try
        {
            probe.Tick();
            await Task.Delay(1, CancellationToken.None);
        }
        finally
        {
            probe.Exit();
        }
    }
}

public sealed class TimerGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), ITimerGrain
{
    private static readonly GrainMethod<ITimerGrain, TimeSpan, Done> StartTimer = new(nameof(StartTimerAsync), static async (g, p) =>
    {
        await g.StartTimerAsync(p);
        return default;
    });

    private static readonly GrainMethod<ITimerGrain, NoArgs, Done> StopTimer = new(nameof(StopTimerAsync), static async (g, _) =>
    {
        await g.StopTimerAsync();
        return default;
    });

    private static readonly GrainMethod<ITimerGrain, NoArgs, Done> Work = new(nameof(WorkAsync), static async (g, _) =>
    {
        await g.WorkAsync();
        return default;
    });

    private static readonly GrainMethod<ITimerGrain, NoArgs, Done> DeactivateSelf = new(nameof(DeactivateSelfAsync), static async (g, _) =>
    {
        await g.DeactivateSelfAsync();
        return default;
    });

    private static readonly GrainMethod<ITimerGrain, NoArgs, Done> HoldThenDeactivateSelf = new(nameof(HoldThenDeactivateSelfAsync), static async (g, _) =>
    {
        await g.HoldThenDeactivateSelfAsync();
        return default;
    });

    public Task StartTimerAsync(TimeSpan period) => InvokeAsync(StartTimer, period);

    public Task StopTimerAsync() => InvokeAsync(StopTimer);

    public Task WorkAsync() => InvokeAsync(Work);

    public Task DeactivateSelfAsync() => InvokeAsync(DeactivateSelf);

    public Task HoldThenDeactivateSelfAsync() => InvokeAsync(HoldThenDeactivateSelf);
}
