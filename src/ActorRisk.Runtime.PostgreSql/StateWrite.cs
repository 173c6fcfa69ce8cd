using System.Text;
using ActorRisk.Runtime.Persistence;

namespace ActorRisk.Runtime.PostgreSql;

/// <summary>
/// One conditional state write as SQL: an INSERT when no version was read, otherwise an UPDATE guarded by the
/// version read and by the write fence, both in the same statement. With a request, the same statement also
/// checks that the request id is new and records it, so the state and the request record commit together.
/// </summary>
internal sealed record StateWrite(GrainId GrainId, string StateName, int Partition, ReadOnlyMemory<byte> Json, int SchemaVersion, long? ExpectedVersion, RequestRecord? Request = null, DateTimeOffset AppliedAt = default)
{
    private const int RequestParameters = 4;

    public NpgsqlBatchCommand ToBatchCommand(IWriteFence fence)
    {
        var command = new NpgsqlBatchCommand(Sql(fence));
        AddParameters(command.Parameters, fence);
        return command;
    }

    public NpgsqlCommand ToCommand(NpgsqlConnection connection, IWriteFence fence)
    {
        var command = new NpgsqlCommand(Sql(fence), connection);
        AddParameters(command.Parameters, fence);
        return command;
    }

    /// <summary>Reads this write's result set: its new version, or null with the earlier record of a duplicate request.</summary>
    public async Task<StateWriteOutcome> ReadOutcomeAsync(NpgsqlDataReader reader)
    {
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            return new StateWriteOutcome(null, null);
        }

        var version = reader.IsDBNull(0) ? (long?)null : reader.GetInt64(0);
        if (Request is null || reader.IsDBNull(1))
        {
            return new StateWriteOutcome(version, null);
        }

        return new StateWriteOutcome(null, new AppliedRequest(
            Request.Request,
            new GrainId(reader.GetString(1), reader.GetString(2)),
            reader.GetFieldValue<byte[]>(3),
            reader.GetFieldValue<DateTimeOffset>(4)));
    }

    private string Sql(IWriteFence fence) => Request is null ? PlainSql(fence) : RequestSql(fence);

    private string PlainSql(IWriteFence fence) => ExpectedVersion is null
        ? $"""
           INSERT INTO grain_state (grain_type, grain_key, state_name, partition_id, version, schema_version, state)
           SELECT $1, $2, $3, $4, 1, $5, $6::jsonb WHERE ({fence.Predicate(8)}) AND $7::bigint IS NULL
           ON CONFLICT ON CONSTRAINT grain_state_pk DO NOTHING
           RETURNING version
           """
        : $"""
           UPDATE grain_state SET state = $6::jsonb, schema_version = $5, version = version + 1, updated_at = now()
           WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND partition_id = $4 AND version = $7
             AND ({fence.Predicate(8)})
           RETURNING version
           """;

    // Data-modifying CTEs always run to completion, so the request row is inserted from "written": no state
    // write, no record. Two grains racing on one new id both pass "prior" and the second insert fails on the
    // primary key, aborting its transaction; the group-commit writer then retries it alone, and it finds "prior".
    private string RequestSql(IWriteFence fence)
    {
        var fencePredicate = fence.Predicate(8 + RequestParameters);
        var write = ExpectedVersion is null
            ? $"""
               INSERT INTO grain_state (grain_type, grain_key, state_name, partition_id, version, schema_version, state)
               SELECT $1, $2, $3, $4, 1, $5, $6::jsonb
               WHERE ({fencePredicate}) AND $7::bigint IS NULL AND NOT EXISTS (SELECT 1 FROM prior)
               ON CONFLICT ON CONSTRAINT grain_state_pk DO NOTHING
               RETURNING version
               """
            : $"""
               UPDATE grain_state SET state = $6::jsonb, schema_version = $5, version = version + 1, updated_at = now()
               WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND partition_id = $4 AND version = $7
                 AND ({fencePredicate}) AND NOT EXISTS (SELECT 1 FROM prior)
               RETURNING version
               """;
        return $"""
                WITH prior AS (
                    SELECT grain_type, grain_key, answer, applied_at FROM grain_request WHERE scope = $8 AND request_id = $9),
                written AS (
                {write}),
                recorded AS (
                    INSERT INTO grain_request (scope, request_id, grain_type, grain_key, answer, applied_at)
                    SELECT $8, $9, $1, $2, $10::jsonb, $11 FROM written
                    RETURNING 1)
                SELECT (SELECT version FROM written), p.grain_type, p.grain_key, p.answer, p.applied_at
                FROM (SELECT 1) AS one LEFT JOIN prior AS p ON TRUE
                """;
    }

    private void AddParameters(NpgsqlParameterCollection parameters, IWriteFence fence)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainId.Type });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainId.Key });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = StateName });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = Partition });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = SchemaVersion });
        parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = Json, NpgsqlDbType = NpgsqlDbType.Jsonb });
        parameters.Add(new NpgsqlParameter { Value = (object?)ExpectedVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        if (Request is not null)
        {
            parameters.Add(new NpgsqlParameter<string> { TypedValue = Request.Request.Scope });
            parameters.Add(new NpgsqlParameter<string> { TypedValue = Request.Request.Id });
            parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = Request.AnswerJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
            parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = AppliedAt });
        }

        fence.AddParameters(parameters, GrainId, Partition);
    }

    /// <summary>True for the error a request write gets when another transaction recorded the same id first.</summary>
    public static bool IsRequestRace(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "grain_request_pk" };
}

/// <summary>The new version (null: the version or fence condition failed), or the earlier record of a duplicate request.</summary>
internal readonly record struct StateWriteOutcome(long? Version, AppliedRequest? Duplicate);
