using ActorRisk.Grains.Idempotency;
using ActorRisk.Silo.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ActorRisk.Silo.Portfolio;

/// <summary>Request routes in PostgreSQL (table request_route, migration 107), deleted in slices after the retention period.</summary>
internal sealed class PostgresRequestRouteStore(ReadModelDatabase database, IOptions<IdempotencyOptions> idempotency, TimeProvider clock) : IRequestRouteStore
{
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

    public async Task<string?> FindOwnerAsync(string scope, string id, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT owner FROM request_route WHERE scope = $1 AND request_id = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
