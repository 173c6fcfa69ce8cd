using System.Text;
using System.Threading.Channels;
using ActorRisk.Runtime.Persistence;

namespace ActorRisk.Runtime.PostgreSql;

/// <summary>
/// Group read, the read-side twin of group commit: activation loads from many grains queue here, and a worker
/// fetches everything queued (up to the batch size) with one query over arrays of keys. A cold card is read on
/// nearly every authorization in production (millions of cards, each seen rarely), so one round trip and one
/// server wake-up per batch instead of per grain matters as much as it does for writes.
/// </summary>
internal sealed class GroupReader : IAsyncDisposable
{
    private const string Sql = """
        SELECT r.ord, s.state::text, s.schema_version, s.version
        FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS r(grain_type, grain_key, state_name, ord)
        JOIN grain_state AS s ON s.grain_type = r.grain_type AND s.grain_key = r.grain_key AND s.state_name = r.state_name
        """;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly NpgsqlDataSource dataSource;
    private readonly int maxBatchSize;
    private readonly Task[] workers;

    public GroupReader(NpgsqlDataSource dataSource, int maxBatchSize, int concurrency)
    {
        this.dataSource = dataSource;
        this.maxBatchSize = maxBatchSize;
        workers = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(RunAsync))];
    }

    public Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        var pending = new Pending(grainId, stateName);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupReader), "The storage is shutting down.");
        }

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
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(exception);
                }
            }

            batch.Clear();
        }
    }

    private async Task<StoredState?[]> ExecuteAsync(List<Pending> batch)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.GrainId.Type)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.GrainId.Key)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.StateName)] });
        var found = new StoredState?[batch.Count];
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            found[reader.GetInt64(0) - 1] = new StoredState(Encoding.UTF8.GetBytes(reader.GetString(1)), reader.GetInt32(2), reader.GetInt64(3));
        }

        return found;
    }

    private sealed class Pending(GrainId grainId, string stateName)
    {
        public GrainId GrainId { get; } = grainId;

        public string StateName { get; } = stateName;

        public TaskCompletionSource<StoredState?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
