using ActorRisk.Runtime.Diagnostics;

namespace ActorRisk.Runtime.PostgreSql;

/// <summary>
/// Group commit: state writes from many grains queue here; a worker takes everything queued (up to
/// MaxBatchSize), sends it as one batch in one transaction, commits, and only then completes each caller's
/// task with its outcome (new version, version conflict, or duplicate request). If the transaction fails, no caller is told its
/// write succeeded; a batch rejected by the database for one bad write (or a request id that another
/// transaction recorded first) is retried write by write.
/// </summary>
internal sealed class GroupCommitWriter(NpgsqlDataSource dataSource, IWriteFence fence, int maxBatchSize, int concurrency)
    : BatchingQueue<StateWrite, StateWriteOutcome>(maxBatchSize, concurrency)
{
    public Task<StateWriteOutcome> WriteAsync(StateWrite write, CancellationToken cancellationToken) => EnqueueAsync(write, cancellationToken);

    protected override Task ProcessAsync(List<Pending> batch) => CommitAsync(batch);

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
            command.BatchCommands.Add(pending.Item.ToBatchCommand(fence));
        }

        var outcomes = new StateWriteOutcome[batch.Count];
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = await batch[i].Item.ReadOutcomeAsync(reader).ConfigureAwait(false);
                await reader.NextResultAsync().ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return outcomes;
    }
}
