namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// Group commit: state writes from many grains queue here; a worker takes everything queued (up to the batch
/// size), sends it as one batch in one transaction, commits, and only then completes each caller's task with its
/// outcome (new version, or a version conflict). If the transaction fails, no caller is told its write succeeded.
/// </summary>
internal sealed class GroupCommitWriter(NpgsqlDataSource dataSource, string storageName, int maxBatchSize, int concurrency)
    : GroupedWork<StateWrite, long?>(maxBatchSize, concurrency)
{
    public Task<long?> WriteAsync(StateWrite write, CancellationToken cancellationToken) => EnqueueAsync(write, cancellationToken);

    protected override Task ProcessAsync(List<Pending> batch) => CommitAsync(batch);

    private async Task CommitAsync(List<Pending> batch)
    {
        long?[] outcomes;
        try
        {
            outcomes = await ExecuteAsync(batch).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (batch.Count > 1 && IsRefusal(exception))
        {
            // The server refused one statement and rolled the whole transaction back: nothing of it committed, so
            // each write is tried alone and only the bad one fails.
            foreach (var pending in batch)
            {
                await CommitAsync([pending]).ConfigureAwait(false);
            }

            return;
        }
        catch (Exception exception)
        {
            // The connection was lost (or the refusal was a lone write's own): the transaction may or may not have
            // committed, so every caller gets the error and none is told it succeeded.
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }

            return;
        }

        PostgresStorageInstruments.BatchSize.Record(batch.Count, new KeyValuePair<string, object?>(PostgresStorageInstruments.StorageTag, storageName));
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(outcomes[i]);
        }
    }

    /// <summary>
    /// An ERROR (as opposed to FATAL or PANIC, or no answer at all) leaves the session alive and its transaction
    /// rolled back: a bad value, a constraint, a deadlock, a cancelled statement. Retrying write by write is then
    /// safe. A terminated backend (FATAL 57P01) or a broken socket is a lost connection: its commit is unknown.
    /// </summary>
    private static bool IsRefusal(PostgresException exception) =>
        string.Equals(exception.InvariantSeverity, "ERROR", StringComparison.Ordinal);

    private async Task<long?[]> ExecuteAsync(List<Pending> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var command = new NpgsqlBatch(connection, transaction);
        foreach (var pending in batch)
        {
            command.BatchCommands.Add(pending.Item.ToBatchCommand());
        }

        var outcomes = new long?[batch.Count];
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = await StateWrite.ReadOutcomeAsync(reader).ConfigureAwait(false);
                await reader.NextResultAsync().ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return outcomes;
    }
}
