using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace ActorRisk.ReadModels.Cards;

/// <summary>
/// The card directory in PostgreSQL (table card_directory, migration 105): one row per card and merchant, added
/// a second's sightings at a time in one statement, and searched through its two indexes.
/// </summary>
internal sealed class PostgresCardDirectory(ReadModelDatabase database) : ICardDirectory
{
    private const string AddSql = """
        INSERT INTO card_directory (last4, merchant_id, card_token, first_seen_at)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
        ON CONFLICT DO NOTHING
        """;

    public async Task AddSightingsAsync(IReadOnlyList<CardSighting> sightings, CancellationToken cancellationToken)
    {
        if (sightings.Count == 0)
        {
            return;
        }

        await using var command = database.DataSource.CreateCommand(AddSql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. sightings.Select(s => s.Last4)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. sightings.Select(s => s.MerchantId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. sightings.Select(s => s.CardToken)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. sightings.Select(s => s.SeenAt)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<CardMatches> FindAsync(CardQuery query, CancellationToken cancellationToken)
    {
        // Each filter is written only when given, so every search is one range of an index.
        var sql = new StringBuilder("SELECT DISTINCT card_token FROM card_directory WHERE true");
        await using var command = database.DataSource.CreateCommand();
        if (query.Last4 is { } last4)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = last4 });
            sql.Append(" AND last4 = $").Append(command.Parameters.Count);
        }

        if (query.MerchantId is { } merchantId)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = merchantId });
            sql.Append(" AND merchant_id = $").Append(command.Parameters.Count);
        }

        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit + 1 });
        sql.Append(" ORDER BY card_token LIMIT $").Append(command.Parameters.Count);
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
