using System.Collections.Concurrent;

namespace ActorRisk.Runtime.Tests.Grains;

/// <summary>A grain with no state whose methods record how turns overlap, for the turn-ordering tests.</summary>
public interface IMailboxGrain : IGrainWithStringKey
{
    /// <summary>Writing turn: appends to an in-memory log, yielding in between (an interleaved turn would be seen).</summary>
    Task AppendAsync(string entry);

    /// <summary>Read-only: the log so far.</summary>
    Task<IReadOnlyList<string>> GetLogAsync();

    /// <summary>Read-only probe: checks no writing turn runs alongside; waits until <paramref name="rendezvous"/> readers are inside at once (0: no wait).</summary>
    Task<int> ReadAsync(int rendezvous);

    /// <summary>Writing probe: checks it runs alone.</summary>
    Task WriteAsync();

    /// <summary>Read-only: records its start, waits until the test opens the gate named <paramref name="name"/>, records its end.</summary>
    Task HoldReadAsync(string name);

    /// <summary>Writing turn that only records <paramref name="name"/>.</summary>
    Task MarkAsync(string name);

    /// <summary>Read-only turn that only records <paramref name="name"/>.</summary>
    Task MarkReadAsync(string name);
}

/// <summary>Shared by the test and the grain (registered in the silo's services): counters and gates.</summary>
public sealed class MailboxProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> gates = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int readers;
    private int writers;
    private int maxReaders;
    private int violations;
    private int arrived;

    public ConcurrentQueue<string> Events { get; } = new();

    public int MaxReaders => Volatile.Read(ref maxReaders);

    public int Violations => Volatile.Read(ref violations);

    public void Open(string name) => Gate(name).TrySetResult();

    internal Task WaitForGate(string name) => Gate(name).Task;

    internal void EnterRead()
    {
        var now = Interlocked.Increment(ref readers);
        if (Volatile.Read(ref writers) != 0)
        {
            Interlocked.Increment(ref violations);
        }

        int seen;
        while (now > (seen = Volatile.Read(ref maxReaders)) && Interlocked.CompareExchange(ref maxReaders, now, seen) != seen)
        {
        }
    }

    internal void ExitRead() => Interlocked.Decrement(ref readers);

    internal void EnterWrite()
    {
        if (Interlocked.Increment(ref writers) != 1 || Volatile.Read(ref readers) != 0)
        {
            Interlocked.Increment(ref violations);
        }
    }

    internal void ExitWrite() => Interlocked.Decrement(ref writers);

    internal void Violation() => Interlocked.Increment(ref violations);

    internal Task Rendezvous(int count)
    {
        if (Interlocked.Increment(ref arrived) >= count)
        {
            allArrived.TrySetResult();
        }

        return allArrived.Task;
    }

    private TaskCompletionSource Gate(string name) =>
        gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

public sealed class MailboxGrain(MailboxProbe probe) : Grain, IMailboxGrain
{
    private readonly List<string> log = [];

    public async Task AppendAsync(string entry)
    {
        probe.EnterWrite();
        try
        {
            var before = log.Count;
            await Task.Yield();
            log.Add(entry);
            if (log.Count != before + 1)
            {
                probe.Violation(); // another turn appended meanwhile
            }
        }
        finally
        {
            probe.ExitWrite();
        }
    }

    public Task<IReadOnlyList<string>> GetLogAsync() => Task.FromResult<IReadOnlyList<string>>([.. log]);

    public async Task<int> ReadAsync(int rendezvous)
    {
        probe.EnterRead();
        try
        {
            if (rendezvous > 0)
            {
                await probe.Rendezvous(rendezvous).WaitAsync(TimeSpan.FromSeconds(20));
            }
            else
            {
                await Task.Delay(1);
            }

            return log.Count;
        }
        finally
        {
            probe.ExitRead();
        }
    }

    public async Task WriteAsync()
    {
        probe.EnterWrite();
        try
        {
            await Task.Yield();
            log.Add("w");
        }
        finally
        {
            probe.ExitWrite();
        }
    }

    public async Task HoldReadAsync(string name)
    {
        probe.Events.Enqueue(name + ":start");
        await probe.WaitForGate(name).WaitAsync(TimeSpan.FromSeconds(20));
        probe.Events.Enqueue(name + ":end");
    }

    public Task MarkAsync(string name)
    {
        probe.Events.Enqueue(name);
        return Task.CompletedTask;
    }

    public Task MarkReadAsync(string name)
    {
        probe.Events.Enqueue(name);
        return Task.CompletedTask;
    }
}

public sealed class MailboxGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IMailboxGrain
{
    private static readonly GrainMethod<IMailboxGrain, string, Done> Append = new(nameof(AppendAsync), static async (g, e) =>
    {
        await g.AppendAsync(e);
        return default;
    });

    private static readonly GrainMethod<IMailboxGrain, NoArgs, IReadOnlyList<string>> GetLog = new(nameof(GetLogAsync), static (g, _) => g.GetLogAsync(), readOnly: true);

    private static readonly GrainMethod<IMailboxGrain, int, int> Read = new(nameof(ReadAsync), static (g, n) => g.ReadAsync(n), readOnly: true);

    private static readonly GrainMethod<IMailboxGrain, NoArgs, Done> Write = new(nameof(WriteAsync), static async (g, _) =>
    {
        await g.WriteAsync();
        return default;
    });

    private static readonly GrainMethod<IMailboxGrain, string, Done> HoldRead = new(nameof(HoldReadAsync), static async (g, n) =>
    {
        await g.HoldReadAsync(n);
        return default;
    }, readOnly: true);

    private static readonly GrainMethod<IMailboxGrain, string, Done> Mark = new(nameof(MarkAsync), static async (g, n) =>
    {
        await g.MarkAsync(n);
        return default;
    });

    private static readonly GrainMethod<IMailboxGrain, string, Done> MarkRead = new(nameof(MarkReadAsync), static async (g, n) =>
    {
        await g.MarkReadAsync(n);
        return default;
    }, readOnly: true);

    public Task AppendAsync(string entry) => InvokeAsync(Append, entry);

    public Task<IReadOnlyList<string>> GetLogAsync() => InvokeAsync(GetLog);

    public Task<int> ReadAsync(int rendezvous) => InvokeAsync(Read, rendezvous);

    public Task WriteAsync() => InvokeAsync(Write);

    public Task HoldReadAsync(string name) => InvokeAsync(HoldRead, name);

    public Task MarkAsync(string name) => InvokeAsync(Mark, name);

    public Task MarkReadAsync(string name) => InvokeAsync(MarkRead, name);
}
