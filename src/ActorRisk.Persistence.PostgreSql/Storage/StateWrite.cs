namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// One conditional change of a row as a single SQL statement that returns a row if and only if its condition
/// held: an INSERT when no version was read (the record must not exist), an UPDATE guarded by the version read,
/// a DELETE guarded the same way, or, to clear a state never stored, a check that it still is not. No row back
/// is a version conflict, never an error, so a conflict in a group-commit batch leaves the other writes alone.
/// </summary>
internal sealed record StateWrite(StateKey Key, ReadOnlyMemory<byte> Json, long? ExpectedVersion, bool Clear)
{
    // partition_id and schema_version take their defaults (migration 005); version 1 is the old runtime's first.
    private const string InsertSql = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, version, state) VALUES ($1, $2, $3, 1, $4)
        ON CONFLICT ON CONSTRAINT grain_state_pk DO NOTHING
        RETURNING version
        """;

    // Only non-indexed columns change, so PostgreSQL can update the row in place (HOT) on its page's free space.
    private const string UpdateSql = """
        UPDATE grain_state SET state = $4, version = version + 1, updated_at = now()
        WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $5
        RETURNING version
        """;

    private const string DeleteSql = """
        DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $4
        RETURNING 0::bigint
        """;

    private const string AbsentSql = """
        SELECT 0::bigint WHERE NOT EXISTS (
            SELECT 1 FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3)
        """;

    public static StateWrite Write(StateKey key, ReadOnlyMemory<byte> json, long? expectedVersion) => new(key, json, expectedVersion, Clear: false);

    public static StateWrite Delete(StateKey key, long? expectedVersion) => new(key, ReadOnlyMemory<byte>.Empty, expectedVersion, Clear: true);

    private string Sql => (Clear, ExpectedVersion) switch
    {
        (false, null) => InsertSql,
        (false, _) => UpdateSql,
        (true, null) => AbsentSql,
        (true, _) => DeleteSql,
    };

    public NpgsqlBatchCommand ToBatchCommand()
    {
        var command = new NpgsqlBatchCommand(Sql);
        AddParameters(command.Parameters);
        return command;
    }

    public NpgsqlCommand ToCommand(NpgsqlDataSource dataSource)
    {
        var command = dataSource.CreateCommand(Sql);
        AddParameters(command.Parameters);
        return command;
    }

    /// <summary>Reads this statement's result: the new version (0 for a clear), or null if its condition failed.</summary>
    public static async Task<long?> ReadOutcomeAsync(NpgsqlDataReader reader, CancellationToken cancellationToken = default) =>
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : null;

    private void AddParameters(NpgsqlParameterCollection parameters)
    {
        Key.AddParameters(parameters);
        if (!Clear)
        {
            parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = Json, NpgsqlDbType = NpgsqlDbType.Jsonb });
        }

        if (ExpectedVersion is { } expected)
        {
            parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
        }
    }
}
