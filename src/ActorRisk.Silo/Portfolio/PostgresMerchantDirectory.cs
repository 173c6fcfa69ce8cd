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
    private const string Sql = """
        SELECT grain_key, state, count(*) OVER () AS total
        FROM grain_state
        WHERE grain_type = $1 AND state_name = $2 AND ($3::jsonb IS NULL OR state->'programs' @> $3::jsonb)
        ORDER BY (state->>'riskScore')::numeric DESC, grain_key
        LIMIT $4 OFFSET $5
        """;

    private NpgsqlDataSource DataSource => database.DataSource;

    public async Task<MerchantPage> ListAsync(MerchantQuery query, CancellationToken cancellationToken)
    {
        await database.EnsureMigratedAsync();
        await using var command = DataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = MerchantDirectoryNames.GrainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = MerchantDirectoryNames.SummaryState });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)Containment(query) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.PageSize });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(query.Page - 1) * query.PageSize });
        var items = new List<MerchantSummary>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = new GrainId(MerchantDirectoryNames.GrainType, reader.GetString(0));
            items.Add(serializer.Deserialize<MerchantSummary>(new StoredState(reader.GetFieldValue<byte[]>(1), 1, 0), null, id, MerchantDirectoryNames.SummaryState));
            total = reader.GetInt64(2);
        }

        if (items.Count == 0 && query.Page > 1)
        {
            total = await CountAsync(query, cancellationToken);
        }

        return new MerchantPage(items, query.Page, query.PageSize, total);
    }

    private async Task<long> CountAsync(MerchantQuery query, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "SELECT count(*) FROM grain_state WHERE grain_type = $1 AND state_name = $2 AND ($3::jsonb IS NULL OR state->'programs' @> $3::jsonb)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = MerchantDirectoryNames.GrainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = MerchantDirectoryNames.SummaryState });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)Containment(query) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
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
