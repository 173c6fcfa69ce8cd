using Npgsql;
using NpgsqlTypes;

namespace ActorRisk.ReadModels.Audit;

/// <summary>Audit in PostgreSQL (table audit_log, migration 100).</summary>
public sealed class PostgresAuditLog(NpgsqlDataSource dataSource) : IAuditLog
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO audit_log (id, at, actor, action, target, reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = entry.Id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.At });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Actor });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Action });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Target });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Reason });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.DetailsJson ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, at, actor, action, target, reason, details::text FROM audit_log
            WHERE ($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR action = $2) AND ($3::text IS NULL OR target = $3)
            ORDER BY at DESC LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Actor ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Action ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Target ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return entries;
    }
}
