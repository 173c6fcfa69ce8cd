namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// Group read, the read-side twin of group commit: activation loads from many grains queue here, and a worker
/// fetches everything queued (up to the batch size) with one query over arrays of keys. A cold card is read on
/// nearly every authorization in production (millions of cards, each seen rarely), so one round trip and one
/// server wake-up per batch instead of per grain matters as much as it does for writes.
/// </summary>
internal sealed class GroupReader(NpgsqlDataSource dataSource, int maxBatchSize, int concurrency)
    : GroupedWork<StateKey, StoredState?>(maxBatchSize, concurrency)
{
    private const string Sql = """
        SELECT r.ord, s.state, s.version
        FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS r(grain_type, grain_key, state_name, ord)
        JOIN grain_state AS s ON s.grain_type = r.grain_type AND s.grain_key = r.grain_key AND s.state_name = r.state_name
        """;

    public Task<StoredState?> ReadAsync(StateKey key, CancellationToken cancellationToken) => EnqueueAsync(key, cancellationToken);

    protected override async Task ProcessAsync(List<Pending> batch)
    {
        try
        {
            var found = await ExecuteAsync(batch).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(found[i]);
            }
        }
        catch (Exception exception)
        {
            // A failed read fails this batch's activations only; their next call tries again.
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }
        }
    }

    private async Task<StoredState?[]> ExecuteAsync(List<Pending> batch)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.Item.GrainType)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.Item.GrainKey)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.Item.StateName)] });
        var found = new StoredState?[batch.Count];
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            found[reader.GetInt64(0) - 1] = new StoredState(reader.GetFieldValue<byte[]>(1), reader.GetInt64(2));
        }

        return found;
    }
}
