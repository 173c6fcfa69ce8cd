namespace ActorRisk.Runtime.Core;

/// <summary>
/// The mailbox of one activation: one turn at a time, in arrival order. A read-only turn may run together with
/// other read-only turns, but never with a writing turn, and a queued writer is never overtaken by later
/// readers (first come, first served). A turn holds the gate across its awaits, so requests never interleave
/// inside a grain method (Orleans' non-reentrant default).
/// </summary>
internal sealed class TurnGate
{
    private readonly Lock sync = new();
    private readonly LinkedList<Waiter> queue = new();
    private int activeReaders;
    private bool writerActive;

    /// <summary>True when no turn runs and none waits.</summary>
    public bool IsIdle
    {
        get
        {
            lock (sync)
            {
                return !writerActive && activeReaders == 0 && queue.Count == 0;
            }
        }
    }

    public ValueTask EnterAsync(bool readOnly, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (sync)
        {
            if (queue.Count == 0 && CanEnter(readOnly))
            {
                Grant(readOnly);
                return ValueTask.CompletedTask;
            }

            cancellationToken.ThrowIfCancellationRequested();
            waiter = new Waiter(readOnly);
            waiter.Node = queue.AddLast(waiter);
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(
                static state =>
                {
                    var (gate, w) = ((TurnGate, Waiter))state!;
                    gate.Cancel(w);
                },
                (this, waiter));
        }

        return new ValueTask(waiter.Completion.Task);
    }

    /// <summary>Enters at once if the gate is free for this kind of turn; never waits.</summary>
    public bool TryEnter(bool readOnly)
    {
        lock (sync)
        {
            if (queue.Count == 0 && CanEnter(readOnly))
            {
                Grant(readOnly);
                return true;
            }

            return false;
        }
    }

    public void Exit(bool readOnly)
    {
        List<Waiter>? granted = null;
        lock (sync)
        {
            if (readOnly)
            {
                activeReaders--;
            }
            else
            {
                writerActive = false;
            }

            while (queue.First is { } first && CanEnter(first.Value.ReadOnly))
            {
                queue.RemoveFirst();
                first.Value.Node = null;
                Grant(first.Value.ReadOnly);
                (granted ??= []).Add(first.Value);
            }
        }

        if (granted is null)
        {
            return;
        }

        foreach (var waiter in granted)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult();
        }
    }

    private void Cancel(Waiter waiter)
    {
        lock (sync)
        {
            if (waiter.Node is null)
            {
                return; // already granted: the caller owns the gate and will exit it
            }

            queue.Remove(waiter.Node);
            waiter.Node = null;
        }

        waiter.Completion.TrySetCanceled();
    }

    private bool CanEnter(bool readOnly) => readOnly ? !writerActive : !writerActive && activeReaders == 0;

    private void Grant(bool readOnly)
    {
        if (readOnly)
        {
            activeReaders++;
        }
        else
        {
            writerActive = true;
        }
    }

    private sealed class Waiter(bool readOnly)
    {
        public bool ReadOnly { get; } = readOnly;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
