using Npgsql;
using NpgsqlTypes;

namespace ActorRisk.ReadModels.Alerts;

/// <summary>The alert outbox in PostgreSQL (table alert_outbox, migration 101). Dispatchers of several silos claim rows with SKIP LOCKED.</summary>
internal sealed class PostgresAlertOutbox(NpgsqlDataSource dataSource) : IAlertOutbox
{
    private const string Columns = "id, merchant_id, kind, program, month, raised_at, message, delivery, attempts, next_attempt_at, delivered_at, last_error, acknowledged_by, acknowledged_at";

    public async Task<IReadOnlyList<MerchantAlert>> AppendAsync(IReadOnlyList<MerchantAlert> alerts, AlertDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var added = new List<MerchantAlert>();
        await using var batch = dataSource.CreateBatch();
        foreach (var alert in alerts)
        {
            var command = new NpgsqlBatchCommand(
                "INSERT INTO alert_outbox (id, merchant_id, kind, program, month, raised_at, message, delivery, next_attempt_at) " +
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Id });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.MerchantId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Kind.ToString() });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)alert.Program?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Month.ToString() });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = alert.RaisedAt });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Message });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = delivery.ToString() });
            command.Parameters.Add(new NpgsqlParameter { Value = delivery == AlertDelivery.Pending ? now : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            batch.BatchCommands.Add(command);
        }

        if (alerts.Count == 0)
        {
            return added;
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        for (var i = 0; i < alerts.Count; i++)
        {
            if (batch.BatchCommands[i].RecordsAffected > 0)
            {
                added.Add(alerts[i]);
            }
        }

        return added;
    }

    public async Task<IReadOnlyList<StoredAlert>> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM alert_outbox WHERE ($1::text IS NULL OR merchant_id = $1) AND ($2::text IS NULL OR kind = $2) " +
            "AND ($3::boolean IS NULL OR (acknowledged_at IS NOT NULL) = $3) ORDER BY raised_at DESC, id LIMIT $4");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.MerchantId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Kind?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Acknowledged ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<StoredAlert?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM alert_outbox WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        var found = await ReadAllAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<StoredAlert?> AcknowledgeAsync(string id, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE alert_outbox SET acknowledged_by = $2, acknowledged_at = $3 WHERE id = $1 AND acknowledged_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = actor });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return await FindAsync(id, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredAlert>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE alert_outbox SET next_attempt_at = $2 WHERE id IN (" +
            "SELECT id FROM alert_outbox WHERE delivery = 'Pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) " +
            $"RETURNING {Columns}");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = leaseUntil });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task MarkDeliveredAsync(string id, int attempts, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE alert_outbox SET delivery = 'Delivered', attempts = $2, delivered_at = $3, next_attempt_at = NULL WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = attempts });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkAttemptFailedAsync(string id, int attempts, DateTimeOffset? nextAttemptAt, string failure, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE alert_outbox SET delivery = $2, attempts = $3, next_attempt_at = $4, last_error = $5 WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = (nextAttemptAt is null ? AlertDelivery.Failed : AlertDelivery.Pending).ToString() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = attempts });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)nextAttemptAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = failure.Length > 500 ? failure[..500] : failure });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<StoredAlert>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<StoredAlert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var alert = new MerchantAlert(
                reader.GetString(0),
                reader.GetString(1),
                Enum.Parse<MerchantAlertKind>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : Enum.Parse<ActorRisk.Domain.Programs.MonitoringProgram>(reader.GetString(3)),
                YearMonth.Parse(reader.GetString(4)),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetString(6));
            rows.Add(new StoredAlert(
                alert,
                Enum.Parse<AlertDelivery>(reader.GetString(7)),
                reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13)));
        }

        return rows;
    }
}
