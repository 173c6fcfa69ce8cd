using System.Text;
using System.Text.Json;
using ActorRisk.Runtime.Persistence;
using ActorRisk.Runtime.PostgreSql;
using Npgsql;
using NpgsqlTypes;

namespace ActorRisk.Silo.Portfolio;

/// <summary>
/// The directory in PostgreSQL: one query over the merchants' summary rows in grain_state, filtered with jsonb
/// containment and ordered by risk score, so paging stays in the database.
/// </summary>
internal sealed class PostgresMerchantDirectory(PostgresDatabase database, GrainStateSerializer serializer) : IMerchantDirectory
{
    // grain_type and state_name are literals so the planner reads only the summaries' own table (migration 103):
    // riskiest first is a walk of grain_state_merchant_summary_risk_ix, filters use its GIN index.
    private const string Where = """
        grain_type = 'merchant' AND state_name = 'merchant-summary' AND ($1::jsonb IS NULL OR state->'programs' @> $1::jsonb)
        """;

    private const string PageSql = $"""
        SELECT grain_key, state FROM grain_state WHERE {Where}
        ORDER BY ((state->>'riskScore')::numeric) DESC, grain_key
        LIMIT $2 OFFSET $3
        """;

    private const string CountSql = $"SELECT count(*) FROM grain_state WHERE {Where}";

    private NpgsqlDataSource DataSource => database.DataSource;

    public async Task<MerchantPage> ListAsync(MerchantQuery query, CancellationToken cancellationToken)
    {
        await database.EnsureMigratedAsync();
        var containment = Containment(query);
        await using var command = DataSource.CreateCommand(PageSql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)containment ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.PageSize });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(query.Page - 1) * query.PageSize });
        var items = new List<MerchantSummary>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = new GrainId(MerchantDirectoryNames.GrainType, reader.GetString(0));
                items.Add(serializer.Deserialize<MerchantSummary>(new StoredState(reader.GetFieldValue<byte[]>(1), 1, 0), null, id, MerchantDirectoryNames.SummaryState));
            }
        }

        await using var count = DataSource.CreateCommand(CountSql);
        count.Parameters.Add(new NpgsqlParameter { Value = (object?)containment ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb });
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        return new MerchantPage(items, query.Page, query.PageSize, total);
    }

    // The summary's programs array as stored (enum names as written by the grain state serializer).
    private string? Containment(MerchantQuery query)
    {
        if (query.Program is null && query.Status is null)
        {
            return null;
        }

        var element = new Dictionary<string, string>();
        if (query.Program is { } program)
        {
            element["program"] = JsonSerializer.Serialize(program, serializer.Options).Trim('"');
        }

        if (query.Status is { } status)
        {
            element["status"] = JsonSerializer.Serialize(status, serializer.Options).Trim('"');
        }

        return Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(new[] { element }));
    }
}
