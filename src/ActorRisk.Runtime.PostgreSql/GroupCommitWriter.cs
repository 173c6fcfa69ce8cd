using System.Threading.Channels;
using ActorRisk.Runtime.Diagnostics;

namespace ActorRisk.Runtime.PostgreSql;

/// <summary>
/// Group commit: state writes from many grains queue here; a worker takes everything queued (up to
/// MaxBatchSize), sends it as one batch in one transaction, commits, and only then completes each caller's
/// task with its outcome (new version, version conflict, or duplicate request). While one batch is in flight the next one fills, so
/// batches grow with load and a lone write is not delayed. If the transaction fails, no caller is told its
/// write succeeded; a batch rejected by the database for one bad write (or a request id that another
/// transaction recorded first) is retried write by write.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly NpgsqlDataSource dataSource;
    private readonly IWriteFence fence;
    private readonly int maxBatchSize;
    private readonly Task[] workers;

    public GroupCommitWriter(NpgsqlDataSource dataSource, IWriteFence fence, int maxBatchSize, int concurrency)
    {
        this.dataSource = dataSource;
        this.fence = fence;
        this.maxBatchSize = maxBatchSize;
        workers = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(RunAsync))];
    }

    public Task<StateWriteOutcome> WriteAsync(StateWrite write, CancellationToken cancellationToken)
    {
        var pending = new Pending(write);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "The storage is shutting down.");
        }

        // A caller that gives up does not withdraw the write: it may already be committing.
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

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

            await CommitAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        StateWriteOutcome[] outcomes;
        try
        {
            outcomes = await ExecuteWithRequestRetryAsync(batch).ConfigureAwait(false);
        }
        catch (PostgresException) when (batch.Count > 1)
        {
            // The database refused the batch (a bad row, not a lost connection): isolate the culprit.
            foreach (var pending in batch)
            {
                await CommitAsync([pending]).ConfigureAwait(false);
            }

            return;
        }
        catch (Exception exception)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }

            return;
        }

        RuntimeInstruments.BatchSize.Record(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(outcomes[i]);
        }
    }

    // A lone write that lost a race on a new request id is tried again: the winner has committed by the time the
    // unique index let us fail, so the retry finds its record and reports a duplicate.
    private async Task<StateWriteOutcome[]> ExecuteWithRequestRetryAsync(List<Pending> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ExecuteAsync(batch).ConfigureAwait(false);
            }
            catch (PostgresException exception) when (batch.Count == 1 && attempt < 3 && StateWrite.IsRequestRace(exception))
            {
            }
        }
    }

    private async Task<StateWriteOutcome[]> ExecuteAsync(List<Pending> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var command = new NpgsqlBatch(connection, transaction);
        foreach (var pending in batch)
        {
            command.BatchCommands.Add(pending.Write.ToBatchCommand(fence));
        }

        var outcomes = new StateWriteOutcome[batch.Count];
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = await batch[i].Write.ReadOutcomeAsync(reader).ConfigureAwait(false);
                await reader.NextResultAsync().ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return outcomes;
    }

    private sealed class Pending(StateWrite write)
    {
        public StateWrite Write { get; } = write;

        public TaskCompletionSource<StateWriteOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
