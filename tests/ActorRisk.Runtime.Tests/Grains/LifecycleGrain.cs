using System.Collections.Concurrent;

namespace ActorRisk.Runtime.Tests.Grains;

public sealed record LifeState
{
    public long Value { get; init; }
}

/// <summary>Seen by the grain at activation: the loaded value, whether a record existed, and its ETag.</summary>
public sealed record ActivationView(Guid ActivationId, long LoadedValue, bool RecordExisted, string? Etag);

/// <summary>A grain whose lifecycle (activation, deactivation reason, flush on deactivation) the tests observe.</summary>
public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<long> GetAsync();

    /// <summary>What OnActivateAsync saw, for the current activation.</summary>
    Task<ActivationView> GetActivationAsync();

    /// <summary>Changes the value in memory only.</summary>
    Task SetAsync(long value);

    /// <summary>Changes the value and writes it; returns the new ETag.</summary>
    Task<string?> SetAndWriteAsync(long value);

    /// <summary>Clears the stored state; returns (RecordExists, Etag) afterwards.</summary>
    Task<(bool RecordExists, string? Etag)> ClearAsync();

    /// <summary>Changes the value in memory and writes it only in OnDeactivateAsync.</summary>
    Task SetAndFlushOnDeactivateAsync(long value);

    Task DeactivateSelfAsync();

    /// <summary>Asks for deactivation, then holds its turn until the test opens <see cref="LifecycleProbe.Release"/>.</summary>
    Task HoldThenDeactivateSelfAsync();

    /// <summary>Changes the value in memory, holds its turn until <see cref="LifecycleProbe.Release"/> opens, then writes it.</summary>
    Task<string?> HoldThenSetAndWriteAsync(long value);
}

public sealed class LifecycleProbe
{
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<(string Key, Guid ActivationId, string Event)> Events { get; } = new();

    public int Activations(string key) => Events.Count(e => e.Key == key && e.Event == "activate");

    public IReadOnlyList<DeactivationReasonCode> Deactivations(string key) =>
        [.. Events.Where(e => e.Key == key && e.Event.StartsWith("deactivate:", StringComparison.Ordinal))
            .Select(e => Enum.Parse<DeactivationReasonCode>(e.Event["deactivate:".Length..]))];
}

public sealed class LifecycleGrain([PersistentState("life")] IPersistentState<LifeState> state, LifecycleProbe probe) : Grain, ILifecycleGrain
{
    private readonly Guid activationId = Guid.NewGuid();
    private ActivationView? view;
    private bool flushOnDeactivate;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        view = new ActivationView(activationId, state.State.Value, state.RecordExists, state.Etag);
        probe.Events.Enqueue((Key, activationId, "activate"));
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (flushOnDeactivate)
        {
            await state.WriteStateAsync(cancellationToken);
        }

        probe.Events.Enqueue((Key, activationId, "deactivate:" + reason.Code));
    }

    public Task<long> GetAsync() => Task.FromResult(state.State.Value);

    public Task<ActivationView> GetActivationAsync() => Task.FromResult(view!);

    public Task SetAsync(long value)
    {
        state.State = state.State with { Value = value };
        return Task.CompletedTask;
    }

    public async Task<string?> SetAndWriteAsync(long value)
    {
        state.State = state.State with { Value = value };
        await state.WriteStateAsync();
        return state.Etag;
    }

    public async Task<(bool RecordExists, string? Etag)> ClearAsync()
    {
        await state.ClearStateAsync();
        return (state.RecordExists, state.Etag);
    }

    public Task SetAndFlushOnDeactivateAsync(long value)
    {
        state.State = state.State with { Value = value };
        flushOnDeactivate = true;
        return Task.CompletedTask;
    }

    public Task DeactivateSelfAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task HoldThenDeactivateSelfAsync()
    {
        DeactivateOnIdle();
        await probe.Release.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async Task<string?> HoldThenSetAndWriteAsync(long value)
    {
        state.State = state.State with { Value = value };
        await probe.Release.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await state.WriteStateAsync();
        return state.Etag;
    }
}

public sealed class LifecycleGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), ILifecycleGrain
{
    private static readonly GrainMethod<ILifecycleGrain, NoArgs, long> Get = new(nameof(GetAsync), static (g, _) => g.GetAsync(), readOnly: true);

    private static readonly GrainMethod<ILifecycleGrain, NoArgs, ActivationView> GetActivation = new(nameof(GetActivationAsync), static (g, _) => g.GetActivationAsync(), readOnly: true);

    private static readonly GrainMethod<ILifecycleGrain, long, Done> Set = new(nameof(SetAsync), static async (g, v) =>
    {
        await g.SetAsync(v);
        return default;
    });

    private static readonly GrainMethod<ILifecycleGrain, long, string?> SetAndWrite = new(nameof(SetAndWriteAsync), static (g, v) => g.SetAndWriteAsync(v));

    private static readonly GrainMethod<ILifecycleGrain, NoArgs, (bool, string?)> Clear = new(nameof(ClearAsync), static (g, _) => g.ClearAsync());

    private static readonly GrainMethod<ILifecycleGrain, long, Done> SetAndFlushOnDeactivate = new(nameof(SetAndFlushOnDeactivateAsync), static async (g, v) =>
    {
        await g.SetAndFlushOnDeactivateAsync(v);
        return default;
    });

    private static readonly GrainMethod<ILifecycleGrain, NoArgs, Done> DeactivateSelf = new(nameof(DeactivateSelfAsync), static async (g, _) =>
    {
        await g.DeactivateSelfAsync();
        return default;
    });

    private static readonly GrainMethod<ILifecycleGrain, NoArgs, Done> HoldThenDeactivateSelf = new(nameof(HoldThenDeactivateSelfAsync), static async (g, _) =>
    {
        await g.HoldThenDeactivateSelfAsync();
        return default;
    });

    private static readonly GrainMethod<ILifecycleGrain, long, string?> HoldThenSetAndWrite = new(nameof(HoldThenSetAndWriteAsync), static (g, v) => g.HoldThenSetAndWriteAsync(v));

    public Task<long> GetAsync() => InvokeAsync(Get);

    public Task<ActivationView> GetActivationAsync() => InvokeAsync(GetActivation);

    public Task SetAsync(long value) => InvokeAsync(Set, value);

    public Task<string?> SetAndWriteAsync(long value) => InvokeAsync(SetAndWrite, value);

    public Task<(bool RecordExists, string? Etag)> ClearAsync() => InvokeAsync(Clear);

    public Task SetAndFlushOnDeactivateAsync(long value) => InvokeAsync(SetAndFlushOnDeactivate, value);

    public Task DeactivateSelfAsync() => InvokeAsync(DeactivateSelf);

    public Task HoldThenDeactivateSelfAsync() => InvokeAsync(HoldThenDeactivateSelf);

    public Task<string?> HoldThenSetAndWriteAsync(long value) => InvokeAsync(HoldThenSetAndWrite, value);
}

/// <summary>A grain whose OnActivateAsync fails the first <see cref="FlakyProbe.Failures"/> times (after the test opens the gate).</summary>
public interface IFlakyGrain : IGrainWithStringKey
{
    /// <summary>Returns the activation attempt that succeeded.</summary>
    Task<int> PingAsync();
}

public sealed class FlakyActivationException(string message) : Exception(message);

public sealed class FlakyProbe
{
    private int attempts;

    public int Failures { get; init; } = 1;

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Attempts => Volatile.Read(ref attempts);

    internal int NextAttempt() => Interlocked.Increment(ref attempts);
}

public sealed class FlakyGrain(FlakyProbe probe) : Grain, IFlakyGrain
{
    private int attempt;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        attempt = probe.NextAttempt();
        await probe.Release.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
        if (attempt <= probe.Failures)
        {
            throw new FlakyActivationException($"Activation attempt {attempt} of {Key} fails on purpose.");
        }
    }

    public Task<int> PingAsync() => Task.FromResult(attempt);
}

public sealed class FlakyGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IFlakyGrain
{
    private static readonly GrainMethod<IFlakyGrain, NoArgs, int> Ping = new(nameof(PingAsync), static (g, _) => g.PingAsync());

    public Task<int> PingAsync() => InvokeAsync(Ping);
}
