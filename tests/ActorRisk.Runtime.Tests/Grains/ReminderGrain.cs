using System.Collections.Concurrent;

namespace ActorRisk.Runtime.Tests.Grains;

public sealed record ReminderSpec(string Name, TimeSpan DueTime, TimeSpan Period);

public interface IReminderGrain : IGrainWithStringKey
{
    Task RegisterAsync(ReminderSpec spec);

    Task UnregisterAsync(string name);
}

/// <summary>Survives silo restarts (the test registers the same instance in every silo it starts).</summary>
public sealed class ReminderProbe
{
    private readonly ConcurrentDictionary<string, int> activations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Key, string Name), int> attempts = new();
    private readonly ConcurrentDictionary<(string Key, string Name), int> failFirst = new();

    public ConcurrentQueue<(string Key, string Name, ReminderTick Tick)> Ticks { get; } = new();

    public int Activations(string key) => activations.GetValueOrDefault(key);

    /// <summary>Callbacks run for this reminder, failed ones included.</summary>
    public int Attempts(string key, string name) => attempts.GetValueOrDefault((key, name));

    /// <summary>Callbacks that completed.</summary>
    public int Successes(string key, string name) => Ticks.Count(t => t.Key == key && t.Name == name);

    public void FailFirst(string key, string name, int count) => failFirst[(key, name)] = count;

    internal void Activated(string key) => activations.AddOrUpdate(key, 1, (_, n) => n + 1);

    internal void Received(string key, string name, ReminderTick tick)
    {
        var attempt = attempts.AddOrUpdate((key, name), 1, (_, n) => n + 1);
        if (attempt <= failFirst.GetValueOrDefault((key, name)))
        {
            throw new InvalidOperationException($"Reminder {name} of {key} fails on purpose (attempt {attempt}).");
        }

        Ticks.Enqueue((key, name, tick));
    }
}

public sealed class ReminderGrain(ReminderProbe probe) : Grain, IReminderGrain, IRemindable
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Activated(Key);
        return Task.CompletedTask;
    }

    public Task RegisterAsync(ReminderSpec spec) => RegisterOrUpdateReminder(spec.Name, spec.DueTime, spec.Period);

    public Task UnregisterAsync(string name) => UnregisterReminder(name);

    public Task ReceiveReminder(string reminderName, ReminderTick status)
    {
        probe.Received(Key, reminderName, status);
        return Task.CompletedTask;
    }
}

public sealed class ReminderGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IReminderGrain
{
    private static readonly GrainMethod<IReminderGrain, ReminderSpec, Done> Register = new(nameof(RegisterAsync), static async (g, s) =>
    {
        await g.RegisterAsync(s);
        return default;
    });

    private static readonly GrainMethod<IReminderGrain, string, Done> Unregister = new(nameof(UnregisterAsync), static async (g, n) =>
    {
        await g.UnregisterAsync(n);
        return default;
    });

    public Task RegisterAsync(ReminderSpec spec) => InvokeAsync(Register, spec);

    public Task UnregisterAsync(string name) => InvokeAsync(Unregister, name);
}
