using System.Threading.Channels;

namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// The shared mechanics of group commit and group read (and of the product's grouped look-ups): callers queue items; each of a few workers takes
/// everything queued (up to the batch size) and hands it to <see cref="ProcessAsync"/>, which completes every
/// caller. While one batch is in flight the next one fills, so batches grow with load and a lone item waits for
/// nobody.
/// </summary>
public abstract class GroupedWork<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly int maxBatchSize;
    private readonly Task[] workers;

    protected GroupedWork(int maxBatchSize, int concurrency)
    {
        this.maxBatchSize = maxBatchSize;
        workers = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(RunAsync))];
    }

    /// <summary>Stops taking items and finishes those already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.WhenAll(workers).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Queues an item. A caller that gives up does not withdraw it: it may already be in flight.</summary>
    protected Task<TResult> EnqueueAsync(TItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(GetType().Name, "The storage is shutting down.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes every item of <paramref name="batch"/> (result or exception); must not throw.</summary>
    protected abstract Task ProcessAsync(List<Pending> batch);

    private async Task RunAsync()
    {
        var batch = new List<Pending>(maxBatchSize);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < maxBatchSize && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            await ProcessAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    protected sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
