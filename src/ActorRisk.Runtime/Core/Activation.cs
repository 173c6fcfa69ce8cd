using ActorRisk.Runtime.Diagnostics;
using ActorRisk.Runtime.Timers;

namespace ActorRisk.Runtime.Core;

/// <summary>
/// One live instance of a grain. It is born holding its gate as writer, so the first turn waits until the
/// grain is constructed, its state loaded and OnActivateAsync done. A failed activation releases the queued
/// callers with the failure and leaves the catalog, so the next call tries again.
/// </summary>
internal sealed class Activation : IGrainContext
{
    private readonly GrainRuntime runtime;
    private readonly List<GrainTimer> timers = [];
    private int started;
    private long lastActiveTimestamp;
    private DeactivationReason? pendingDeactivation;

    public Activation(GrainRuntime runtime, GrainRegistration registration, GrainId grainId)
    {
        this.runtime = runtime;
        Registration = registration;
        GrainId = grainId;
        Gate.TryEnter(readOnly: false);
        Touch();
    }

    public GrainId GrainId { get; }

    public GrainRegistration Registration { get; }

    public TurnGate Gate { get; } = new();

    public ActivationStatus Status { get; private set; } = ActivationStatus.Activating;

    public Grain? Instance { get; private set; }

    public Exception? ActivationFailure { get; private set; }

    public IGrainFactory GrainFactory => runtime;

    public DeactivationReason? PendingDeactivation => Volatile.Read(ref pendingDeactivation);

    public TimeSpan IdleFor => TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - Interlocked.Read(ref lastActiveTimestamp)) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));

    public void Touch() => Interlocked.Exchange(ref lastActiveTimestamp, Stopwatch.GetTimestamp());

    /// <summary>Starts activation once; idempotent, called by whoever got the activation from the catalog.</summary>
    public void EnsureStarted()
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            _ = ActivateAsync();
        }
    }

    public void DeactivateOnIdle(DeactivationReason reason) => Interlocked.CompareExchange(ref pendingDeactivation, reason, null);

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        if (Status is ActivationStatus.Deactivating or ActivationStatus.Deactivated)
        {
            throw new InvalidOperationException($"{GrainId} is deactivating; timers cannot be registered.");
        }

        var timer = new GrainTimer(runtime, this, callback, dueTime, period);
        lock (timers)
        {
            timers.Add(timer);
        }

        timer.Start();
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (timers)
        {
            timers.Remove(timer);
        }
    }

    public Task RegisterOrUpdateReminderAsync(string name, TimeSpan dueTime, TimeSpan period)
    {
        if (Instance is not IRemindable)
        {
            throw new InvalidOperationException($"{Registration.GrainClass.Name} must implement IRemindable to register reminders.");
        }

        return runtime.Reminders.RegisterAsync(GrainId, name, dueTime, period);
    }

    public Task UnregisterReminderAsync(string name) => runtime.Reminders.UnregisterAsync(GrainId, name);

    /// <summary>Runs OnDeactivateAsync and stops timers; the caller holds the gate as writer.</summary>
    public async Task DeactivateAsync(DeactivationReason reason, TimeSpan timeout, ILogger logger)
    {
        Status = ActivationStatus.Deactivating;
        StopTimers();
        try
        {
            CallChain.Reset();
            CallChain.Enter(this);
            using var cancellation = new CancellationTokenSource(timeout);
            await Instance!.OnDeactivateAsync(reason, cancellation.Token).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            RuntimeLog.DeactivationFailed(logger, exception, GrainId, reason.Code);
        }
        finally
        {
            Status = ActivationStatus.Deactivated;
        }
    }

    private async Task ActivateAsync()
    {
        try
        {
            CallChain.Reset();
            CallChain.Enter(this);
            using var activity = RuntimeInstruments.ActivitySource.StartActivity("grain.activate");
            activity?.SetTag("grain.id", GrainId.ToString());
            var (grain, states) = Registration.Create(runtime.Services, GrainId, DeactivateOnIdle);
            grain.Context = this;
            Instance = grain;
            foreach (var state in states)
            {
                await state.LoadAsync(runtime.Stopping).ConfigureAwait(false);
            }

            await grain.OnActivateAsync(runtime.Stopping).ConfigureAwait(false);
            Status = ActivationStatus.Valid;
            RuntimeInstruments.ActivationsCreated.Add(1);
            RuntimeInstruments.Activations.Add(1);
        }
        catch (Exception exception)
        {
            ActivationFailure = exception;
            Status = ActivationStatus.Failed;
            StopTimers();
            runtime.Catalog.Remove(this);
            RuntimeInstruments.ActivationsFailed.Add(1);
            RuntimeLog.ActivationFailed(runtime.Logger, exception, GrainId);
        }
        finally
        {
            Touch();
            Gate.Exit(readOnly: false);
        }
    }

    private void StopTimers()
    {
        GrainTimer[] stopping;
        lock (timers)
        {
            stopping = [.. timers];
            timers.Clear();
        }

        foreach (var timer in stopping)
        {
            timer.Stop();
        }
    }
}
