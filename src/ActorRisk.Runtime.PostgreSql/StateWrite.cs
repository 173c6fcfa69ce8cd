namespace ActorRisk.Runtime.PostgreSql;

/// <summary>
/// One conditional state write as SQL: an INSERT when no version was read, otherwise an UPDATE guarded by the
/// version read and by the write fence, both in the same statement. It returns the new version, or no row
/// when the condition failed.
/// </summary>
internal sealed record StateWrite(GrainId GrainId, string StateName, int Partition, string Json, int SchemaVersion, long? ExpectedVersion)
{
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

    private string Sql(IWriteFence fence) => ExpectedVersion is null
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

    private void AddParameters(NpgsqlParameterCollection parameters, IWriteFence fence)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainId.Type });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainId.Key });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = StateName });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = Partition });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = SchemaVersion });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Json, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = (object?)ExpectedVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        fence.AddParameters(parameters, GrainId, Partition);
    }
}
