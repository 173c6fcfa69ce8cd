using System.Runtime.ExceptionServices;
using ActorRisk.Runtime.Diagnostics;
using ActorRisk.Runtime.Hosting;
using ActorRisk.Runtime.Reminders;
using Microsoft.Extensions.Options;

namespace ActorRisk.Runtime.Core;

/// <summary>
/// The silo's grain runtime: gives references (IGrainFactory), delivers calls to activations (IGrainCallInvoker),
/// and collects and deactivates activations. Calls from outside any grain and calls between grains take the
/// same path; a call back into an activation already on the call chain is reentrant.
/// </summary>
public sealed class GrainRuntime : IGrainFactory, IGrainCallInvoker, IDisposable
{
    private const int MaxAttempts = 8;
    private const int MaxShutdownRounds = 8;
    private readonly GrainTypeRegistry registry;
    private readonly GrainRuntimeOptions options;
    private readonly CancellationTokenSource stopping = new();

    public GrainRuntime(IServiceProvider services, GrainTypeRegistry registry, IOptions<GrainRuntimeOptions> options, ILogger<GrainRuntime> logger, TimeProvider timeProvider)
    {
        Services = services;
        this.registry = registry;
        this.options = options.Value;
        Logger = logger;
        TimeProvider = timeProvider;
        Catalog = new ActivationCatalog(this, registry);
        Reminders = new ReminderRegistry(this);
    }

    public int ActivationCount => Catalog.Count;

    public TimeProvider TimeProvider { get; }

    internal IServiceProvider Services { get; }

    internal ActivationCatalog Catalog { get; }

    internal ReminderRegistry Reminders { get; }

    internal ILogger Logger { get; }

    internal GrainRuntimeOptions Options => options;

    internal CancellationToken Stopping => stopping.Token;

    public void Dispose() => stopping.Dispose();

    public TGrain GetGrain<TGrain>(string key)
        where TGrain : IGrainWithStringKey
    {
        var registration = registry.ForInterface(typeof(TGrain));
        return (TGrain)registration.ReferenceFactory(this, new GrainId(registration.TypeName, key));
    }

    public Task<TResult> InvokeAsync<TGrain, TRequest, TResult>(GrainId grainId, GrainMethod<TGrain, TRequest, TResult> method, TRequest request)
        where TGrain : IGrain =>
        RunTurnAsync(
            grainId,
            method.Name,
            method.ReadOnly,
            (method, request),
            static (grain, call) => call.method.Body((TGrain)(object)grain, call.request));

    /// <summary>Fires a reminder on its grain as a writing turn (the grain activates if needed).</summary>
    internal Task<Done> FireReminderAsync(GrainId grainId, string name, ReminderTick tick) =>
        RunTurnAsync(
            grainId,
            "ReceiveReminder",
            readOnly: false,
            (name, tick),
            static async (grain, call) =>
            {
                if (grain is not IRemindable remindable)
                {
                    throw new InvalidOperationException($"{grain.GetType().Name} has a reminder but does not implement IRemindable.");
                }

                await remindable.ReceiveReminder(call.name, call.tick).ConfigureAwait(false);
                return default(Done);
            });

    /// <summary>Runs a timer callback as a writing turn; skipped when the activation is no longer valid.</summary>
    internal async Task RunTimerTurnAsync(Activation activation, Func<CancellationToken, Task> callback, CancellationToken cancellationToken)
    {
        await activation.Gate.EnterAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        try
        {
            if (activation.Status != ActivationStatus.Valid || activation.PendingDeactivation is not null)
            {
                return;
            }

            CallChain.Reset();
            CallChain.Enter(activation);
            await callback(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            activation.Gate.Exit(readOnly: false);
            AfterTurn(activation);
        }
    }

    /// <summary>Deactivates one activation (waits for its running turns), e.g. when idle or when the silo stops.</summary>
    internal async Task DeactivateAsync(Activation activation, DeactivationReason reason)
    {
        await activation.Gate.EnterAsync(readOnly: false, CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (activation.Status != ActivationStatus.Valid)
            {
                return;
            }

            await activation.DeactivateAsync(reason, options.DeactivationTimeout, Logger).ConfigureAwait(false);
            Catalog.Remove(activation);
            RuntimeInstruments.ActivationsDeactivated.Add(1, new KeyValuePair<string, object?>("reason", reason.Code.ToString()));
            RuntimeInstruments.Activations.Add(-1);
        }
        finally
        {
            activation.Gate.Exit(readOnly: false);
        }
    }

    /// <summary>Deactivates activations idle for longer than their collection age.</summary>
    internal async Task CollectIdleAsync()
    {
        foreach (var activation in Catalog.All)
        {
            var age = activation.Registration.CollectionAge ?? options.CollectionAge;
            if (activation.Status == ActivationStatus.Valid && activation.Gate.IsIdle && activation.IdleFor >= age)
            {
                await DeactivateAsync(activation, new DeactivationReason(DeactivationReasonCode.IdleTimeout, $"Idle for more than {age}.")).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Deactivates every activation (OnDeactivateAsync flushes state), then refuses new work.</summary>
    internal async Task StopAsync()
    {
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is stopping.");

        // OnDeactivateAsync may call a grain that is not (or no longer) active, activating it: deactivate those
        // too, round after round, so they flush as well. The bound stops grains that keep waking each other.
        for (var round = 0; round < MaxShutdownRounds && Catalog.Count > 0; round++)
        {
            await Task.WhenAll(Catalog.All.Select(a => DeactivateAsync(a, reason))).ConfigureAwait(false);
        }

        await stopping.CancelAsync().ConfigureAwait(false);
    }

    private async Task<TResult> RunTurnAsync<TCall, TResult>(GrainId grainId, string methodName, bool readOnly, TCall call, Func<Grain, TCall, Task<TResult>> body)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = RuntimeInstruments.ActivitySource.StartActivity("grain.call");
        activity?.SetTag("grain.id", grainId.ToString());
        activity?.SetTag("grain.method", methodName);
        var typeTag = new KeyValuePair<string, object?>("grain.type", grainId.Type);
        RuntimeInstruments.Calls.Add(1, typeTag);
        try
        {
            return await DeliverAsync(grainId, readOnly, call, body).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            RuntimeInstruments.CallsFailed.Add(1, typeTag);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw;
        }
        finally
        {
            RuntimeInstruments.CallDuration.Record(RuntimeInstruments.ElapsedMilliseconds(started), typeTag);
        }
    }

    private async Task<TResult> DeliverAsync<TCall, TResult>(GrainId grainId, bool readOnly, TCall call, Func<Grain, TCall, Task<TResult>> body)
    {
        if (stopping.IsCancellationRequested)
        {
            throw new InvalidOperationException("The silo is stopping; grain calls are no longer accepted.");
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(options.ResponseTimeout.TotalSeconds * Stopwatch.Frequency);
        for (var attempt = 1; ; attempt++)
        {
            var activation = Catalog.GetOrCreate(grainId);
            if (activation.Status == ActivationStatus.Valid && CallChain.Contains(activation))
            {
                return await InvokeOnActivationAsync(activation, call, body).ConfigureAwait(false);
            }

            if (!activation.Gate.TryEnter(readOnly))
            {
                using var timeout = new CancellationTokenSource(Remaining(deadline));
                try
                {
                    await activation.Gate.EnterAsync(readOnly, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"No turn on {grainId} within {options.ResponseTimeout}.");
                }
            }

            var handedOff = false;
            try
            {
                switch (activation.Status)
                {
                    case ActivationStatus.Valid when activation.PendingDeactivation is null:
                        break;
                    case ActivationStatus.Failed:
                        ExceptionDispatchInfo.Capture(activation.ActivationFailure!).Throw();
                        break;
                    default:
                        if (attempt >= MaxAttempts)
                        {
                            throw new InvalidOperationException($"{grainId} kept deactivating while a call waited for it.");
                        }

                        // Deactivated while we waited, or condemned by the turn before ours (DeactivateOnIdle, a version
                        // conflict): its in-memory state must not serve this call. Ending our turn lets the
                        // deactivation run; the next attempt gets a fresh activation.
                        continue;
                }

                var turn = InvokeOnActivationAsync(activation, call, body);
                if (!turn.IsCompleted)
                {
                    var remaining = Remaining(deadline);
                    try
                    {
                        return await turn.WaitAsync(remaining).ConfigureAwait(false);
                    }
                    catch (TimeoutException) when (!turn.IsCompleted)
                    {
                        // The turn goes on; the gate is released when it really ends, never before.
                        handedOff = true;
                        _ = turn.ContinueWith(
                            static (_, state) =>
                            {
                                var (runtime, late, lateReadOnly) = ((GrainRuntime, Activation, bool))state!;
                                runtime.EndTurn(late, lateReadOnly);
                            },
                            (this, activation, readOnly),
                            CancellationToken.None,
                            TaskContinuationOptions.None,
                            TaskScheduler.Default);
                        throw new TimeoutException($"{grainId} did not answer within {options.ResponseTimeout}.");
                    }
                }

                return await turn.ConfigureAwait(false);
            }
            finally
            {
                if (!handedOff)
                {
                    EndTurn(activation, readOnly);
                }
            }
        }
    }

    private static async Task<TResult> InvokeOnActivationAsync<TCall, TResult>(Activation activation, TCall call, Func<Grain, TCall, Task<TResult>> body)
    {
        CallChain.Enter(activation);
        return await body(activation.Instance!, call).ConfigureAwait(false);
    }

    private void EndTurn(Activation activation, bool readOnly)
    {
        activation.Touch();
        activation.Gate.Exit(readOnly);
        AfterTurn(activation);
    }

    private void AfterTurn(Activation activation)
    {
        if (activation.PendingDeactivation is { } reason && activation.Status == ActivationStatus.Valid)
        {
            _ = DeactivateAsync(activation, reason);
        }
    }

    private static TimeSpan Remaining(long deadline)
    {
        var ticks = deadline - Stopwatch.GetTimestamp();
        return ticks <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);
    }
}
