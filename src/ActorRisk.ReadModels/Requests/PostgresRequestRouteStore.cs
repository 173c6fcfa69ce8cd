using ActorRisk.Grains.Idempotency;
using ActorRisk.Persistence.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ActorRisk.ReadModels.Requests;

/// <summary>
/// Request routes in PostgreSQL (table request_route, migration 107), deleted in slices after the retention period.
/// Look-ups are grouped: every request asks one (the edge refuses an id another grain answered), so concurrent
/// look-ups share one query, as the grain storage's reads do.
/// </summary>
internal sealed class PostgresRequestRouteStore(ReadModelDatabase database, IOptions<IdempotencyOptions> idempotency, TimeProvider clock) : IRequestRouteStore, IAsyncDisposable
{
    private readonly GroupedLookup lookups = new(database);

    private const int PurgeSlice = 10_000;

    // The first route of an id wins: a reuse for another grain is refused at the edge, and a late duplicate changes nothing.
    private const string AddSql = """
        INSERT INTO request_route (scope, request_id, owner, answered_at)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
        ON CONFLICT DO NOTHING
        """;

    private const string PurgeSql = """
        DELETE FROM request_route WHERE ctid = ANY (ARRAY(SELECT ctid FROM request_route WHERE answered_at < $1 LIMIT $2))
        """;

    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(10);

    private DateTimeOffset nextPurge = DateTimeOffset.MinValue;

    public async Task AddAsync(IReadOnlyList<RequestRoute> routes, CancellationToken cancellationToken)
    {
        if (routes.Count > 0)
        {
            await using var command = database.DataSource.CreateCommand(AddSql);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. routes.Select(r => r.Scope)] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. routes.Select(r => r.Id)] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. routes.Select(r => r.Owner)] });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. routes.Select(r => r.At)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // The forwarder calls this every second on every silo; one purge every few minutes per silo keeps the table small.
        var now = clock.GetUtcNow();
        if (now < nextPurge)
        {
            return;
        }

        nextPurge = now + PurgeInterval;
        int deleted;
        do
        {
            await using var purge = database.DataSource.CreateCommand(PurgeSql);
            purge.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now - idempotency.Value.Retention });
            purge.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PurgeSlice });
            deleted = await purge.ExecuteNonQueryAsync(cancellationToken);
        }
        while (deleted == PurgeSlice);
    }

    public Task<string?> FindOwnerAsync(string scope, string id, CancellationToken cancellationToken) =>
        lookups.FindAsync((scope, id), cancellationToken);

    public ValueTask DisposeAsync() => lookups.DisposeAsync();

    private sealed class GroupedLookup(ReadModelDatabase database) : GroupedWork<(string Scope, string Id), string?>(maxBatchSize: 256, concurrency: 2)
    {
        // One primary-key probe per id, whatever the batch size: as a plain join, a batch of a few dozen ids made
        // the planner hash them and scan the whole table (2 ms at 12,000 rows, growing with the table). LIMIT keeps
        // the lateral subquery from being flattened back into that join.
        private const string FindSql = """
            SELECT k.scope, k.request_id, r.owner FROM unnest($1::text[], $2::text[]) AS k(scope, request_id)
            CROSS JOIN LATERAL (
                SELECT owner FROM request_route WHERE scope = k.scope AND request_id = k.request_id LIMIT 1
            ) AS r
            """;

        public Task<string?> FindAsync((string Scope, string Id) key, CancellationToken cancellationToken) => EnqueueAsync(key, cancellationToken);

        protected override async Task ProcessAsync(List<Pending> batch)
        {
            try
            {
                var owners = new Dictionary<(string, string), string>();
                await using var command = database.DataSource.CreateCommand(FindSql);
                command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.Item.Scope)] });
                command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.Item.Id)] });
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        owners[(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
                    }
                }

                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult(owners.GetValueOrDefault(pending.Item));
                }
            }
            catch (Exception exception)
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(exception);
                }
            }
        }
    }
}
