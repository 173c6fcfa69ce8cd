using System.Text;
using System.Text.Json;
using ActorRisk.Abstractions.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace ActorRisk.ReadModels.Merchants;

/// <summary>
/// The directory in PostgreSQL: one query over the merchants' summary rows in grain_state, filtered with jsonb
/// containment and an id prefix and ordered along an index, so paging stays in the database.
/// </summary>
internal sealed class PostgresMerchantDirectory(ReadModelDatabase database) : IMerchantDirectory
{
    // grain_type and state_name are literals so the planner reads only the summaries' own table (migration 103).
    private const string Summaries = "grain_type = 'merchant' AND state_name = 'merchant-summary'";

    // Each ORDER BY repeats its index's expressions exactly (migrations 103 and 104), or the planner would sort; a
    // reversed order flips every direction and NULLS placement, which is the same index read backwards.
    private static readonly OrderTerm[] ByRisk = [new("((state->>'riskScore')::numeric)", Descending: true), new("grain_key")];
    private static readonly OrderTerm[] ById = [new("""lower(grain_key) COLLATE "C" """), new("""grain_key COLLATE "C" """)];
    private static readonly OrderTerm[] ByFines = [new("((state->'finesToDateUsd'->>'amount')::bigint)", Descending: true), new("""grain_key COLLATE "C" """)];
    private static readonly OrderTerm[] ByLastClosed = [new("""(state->>'lastClosedMonth') COLLATE "C" """, Descending: true, NullsLast: true), new("""grain_key COLLATE "C" """)];

    // Up to this many matches, fetching them all by the filter's index and sorting costs under 5 ms (measured at
    // 100k merchants); more are dense enough for a walk of the order's index to meet a page of them early.
    private const long FetchAndSortBelow = 2_000;

    private NpgsqlDataSource DataSource => database.DataSource;

    public async Task<MerchantPage> ListAsync(MerchantQuery query, CancellationToken cancellationToken)
    {
        // Ids are made of ASCII letters, digits and - _ . : only, so another character can match no merchant.
        if (query.Prefix is { } prefix && prefix.Any(c => c is < ' ' or > '~'))
        {
            return new MerchantPage([], query.Page, query.PageSize, 0);
        }

        await database.EnsureMigratedAsync();
        var containment = Containment(query);
        await using var count = DataSource.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM grain_state WHERE {Where(count, containment, query.Prefix)}";
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        var offset = (long)(query.Page - 1) * query.PageSize;
        if (offset >= total)
        {
            return new MerchantPage([], query.Page, query.PageSize, total);
        }

        await using var command = DataSource.CreateCommand();
        var where = Where(command, containment, query.Prefix);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.PageSize });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = offset });
        var order = OrderBy(query.Sort switch
        {
            MerchantSort.MerchantId => ById,
            MerchantSort.Fines => ByFines,
            MerchantSort.LastClosed => ByLastClosed,
            _ => ByRisk,
        }, query.Reverse);

        // The planner walks the order's index and skips rows that do not match when it expects matches to be spread
        // evenly; they are not (an id prefix is a block of the id tiebreak, a rare status may never come), and the
        // walk then reads most of the table (90 ms at 100k merchants). A few matches are cheaper fetched by the
        // filter's own index and sorted: OFFSET 0 keeps the planner from pulling the filter back into the walk.
        var rows = where.Length > Summaries.Length && total <= FetchAndSortBelow
            ? $"(SELECT grain_key, state FROM grain_state WHERE {where} OFFSET 0) AS matching"
            : $"grain_state WHERE {where}";
        command.CommandText = $"SELECT grain_key, state FROM {rows} ORDER BY {order} LIMIT ${command.Parameters.Count - 1} OFFSET ${command.Parameters.Count}";
        var items = new List<MerchantSummary>(query.PageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(JsonSerializer.Deserialize<MerchantSummary>(reader.GetFieldValue<byte[]>(1), ActorRiskJson.Options)!);
        }

        return new MerchantPage(items, query.Page, query.PageSize, total);
    }

    private static string OrderBy(OrderTerm[] terms, bool reverse) =>
        string.Join(", ", terms.Select(t => reverse ? t with { Descending = !t.Descending, NullsLast = t.NullsLast is { } last ? !last : null } : t));

    /// <summary>One expression of an ORDER BY; <see cref="NullsLast"/> null leaves PostgreSQL's default (nulls count as largest).</summary>
    private sealed record OrderTerm(string Expression, bool Descending = false, bool? NullsLast = null)
    {
        public override string ToString() =>
            $"{Expression.TrimEnd()} {(Descending ? "DESC" : "ASC")}{NullsLast switch { true => " NULLS LAST", false => " NULLS FIRST", null => "" }}";
    }

    // A condition is in the text only when it filters: the statements are prepared (Max Auto Prepare), and a
    // generic plan cannot drop a "$n IS NULL OR ..." branch, so it would use no index for it. The id prefix is a
    // range of grain_state_merchant_summary_id_ix, [prefix, prefix with its last character incremented): with
    // parameters for bounds that range is an index condition in generic plans too, where LIKE $n is not; in
    // collation "C" and ASCII it is exactly the ids that start with the prefix, wildcards and all.
    private static string Where(NpgsqlCommand command, string? containment, string? prefix)
    {
        var where = new StringBuilder(Summaries);
        if (containment is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = containment, NpgsqlDbType = NpgsqlDbType.Jsonb });
            where.Append($" AND state->'programs' @> ${command.Parameters.Count}");
        }

        if (prefix is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix[..^1] + (char)(prefix[^1] + 1) });
            var id = """lower(grain_key) COLLATE "C" """;
            where.Append($" AND {id}>= ${command.Parameters.Count - 1} AND {id}< ${command.Parameters.Count}");
        }

        return where.ToString();
    }

    // The summary's programs array as stored (enum names as written by the grain state serializer).
    public async Task<IReadOnlyList<string>> ListIdsAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        await database.EnsureMigratedAsync();
        await using var command = DataSource.CreateCommand(
            $"SELECT grain_key FROM grain_state WHERE {Summaries} AND ($1::text IS NULL OR grain_key > $1) ORDER BY grain_key LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var ids = new List<string>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static string? Containment(MerchantQuery query)
    {
        if (query.Program is null && query.Status is null)
        {
            return null;
        }

        var element = new Dictionary<string, string>();
        if (query.Program is { } program)
        {
            element["program"] = JsonSerializer.Serialize(program, ActorRiskJson.Options).Trim('"');
        }

        if (query.Status is { } status)
        {
            element["status"] = JsonSerializer.Serialize(status, ActorRiskJson.Options).Trim('"');
        }

        return Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(new[] { element }));
    }
}
