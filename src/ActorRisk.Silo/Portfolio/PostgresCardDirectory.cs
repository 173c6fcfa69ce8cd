using System.Text;
using System.Text.Json;
using ActorRisk.Runtime.PostgreSql;
using Npgsql;
using NpgsqlTypes;

namespace ActorRisk.Silo.Portfolio;

/// <summary>
/// The card directory in PostgreSQL: one indexed query over the cards' directory rows, which live in a table of
/// their own (migration 105) so the cards' authorization writes touch no search index.
/// </summary>
internal sealed class PostgresCardDirectory(PostgresDatabase database) : ICardDirectory
{
    public async Task<CardMatches> FindAsync(CardQuery query, CancellationToken cancellationToken)
    {
        await database.EnsureMigratedAsync();

        // grain_type and state_name are literals so the planner reads only grain_state_card_directory; each
        // filter is written only when given, so each query is a plain index lookup.
        var sql = new StringBuilder("SELECT grain_key FROM grain_state WHERE grain_type = 'card' AND state_name = 'card-directory'");
        await using var command = database.DataSource.CreateCommand();
        if (query.Last4 is { } last4)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = last4 });
            sql.Append(" AND state->>'last4' = $").Append(command.Parameters.Count);
        }

        if (query.MerchantId is { } merchantId)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(new[] { merchantId }), NpgsqlDbType = NpgsqlDbType.Jsonb });
            sql.Append(" AND state->'merchants' @> $").Append(command.Parameters.Count);
        }

        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit + 1 });
        sql.Append(" ORDER BY grain_key LIMIT $").Append(command.Parameters.Count);
        command.CommandText = sql.ToString();

        var tokens = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(reader.GetString(0));
        }

        return tokens.Count > query.Limit ? new CardMatches(tokens[..query.Limit], More: true) : new CardMatches(tokens, More: false);
    }
}
