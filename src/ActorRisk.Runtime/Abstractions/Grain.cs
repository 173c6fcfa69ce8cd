namespace ActorRisk.Runtime.Abstractions;

/// <summary>
/// Base class of grain implementations, as in Orleans. The runtime creates one activation per grain id, loads
/// its persistent state, calls <see cref="OnActivateAsync"/> before the first request, runs one request at a
/// time (turn-based), and calls <see cref="OnDeactivateAsync"/> when the grain is collected or the silo stops.
/// The context (identity, factory, timers, reminders) is available from <see cref="OnActivateAsync"/> on.
/// </summary>
public abstract class Grain
{
    private IGrainContext? context;

    internal IGrainContext Context
    {
        get => context ?? throw new InvalidOperationException("The grain context is available from OnActivateAsync on, not in the constructor.");
        set => context = value;
    }

    public GrainId GrainId => Context.GrainId;

    /// <summary>The grain's key (Orleans: this.GetPrimaryKeyString()).</summary>
    public string Key => Context.GrainId.Key;

    protected IGrainFactory GrainFactory => Context.GrainFactory;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation after the current turn ends.</summary>
    protected void DeactivateOnIdle() => Context.DeactivateOnIdle(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "The grain asked to be deactivated."));

    /// <summary>
    /// A timer bound to this activation: callbacks run as turns (never alongside a request) and stop when the
    /// activation deactivates. Timer ticks do not keep the grain from being collected.
    /// </summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterTimer(callback, dueTime, period);

    /// <summary>A durable reminder: it survives deactivation and silo restarts and re-activates the grain. The grain must implement <see cref="IRemindable"/>.</summary>
    protected Task RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterOrUpdateReminderAsync(name, dueTime, period);

    protected Task UnregisterReminder(string name) => Context.UnregisterReminderAsync(name);
}
