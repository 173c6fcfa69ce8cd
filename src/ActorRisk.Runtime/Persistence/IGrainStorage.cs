namespace ActorRisk.Runtime.Persistence;

/// <summary>A stored state: its JSON, the schema version it was written with, and its version (the ETag).</summary>
public sealed record StoredState(ReadOnlyMemory<byte> Json, int SchemaVersion, long Version);

/// <summary>A request to record together with a state write, and the answer given to it (JSON).</summary>
public sealed record RequestRecord(RequestId Request, ReadOnlyMemory<byte> AnswerJson);

/// <summary>A request already applied: by which grain, when, and its answer (JSON).</summary>
public sealed record AppliedRequest(RequestId Request, GrainId GrainId, ReadOnlyMemory<byte> AnswerJson, DateTimeOffset AppliedAt);

/// <summary>
/// The result of a state write tied to a request: the new version, or (when <see cref="Duplicate"/> is set) no
/// write at all because the request had already been applied.
/// </summary>
public readonly record struct RequestWriteResult(long Version, AppliedRequest? Duplicate);

/// <summary>
/// Where grain state lives. Writes are conditional: <paramref name="expectedVersion"/> null means "must not
/// exist yet", otherwise the stored version must match. A mismatch (or a lost partition in a cluster) throws
/// <see cref="InconsistentStateException"/>.
/// The JSON passed to a write (state and answer) is handed over: callers never modify it afterwards, so a storage
/// may keep it as it is instead of copying it.
/// </summary>
public interface IGrainStorage
{
    Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <returns>The new version.</returns>
    Task<long> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> json, int schemaVersion, long? expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// The same conditional write, plus a record that <paramref name="request"/> was applied by this grain, both or
    /// neither: if the request id is already recorded (by any grain), nothing is written and the record is returned.
    /// </summary>
    Task<RequestWriteResult> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> json, int schemaVersion, long? expectedVersion, RequestRecord request, CancellationToken cancellationToken);

    Task ClearAsync(GrainId grainId, string stateName, long? expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Keys of the grains of <paramref name="grainType"/> that have a stored <paramref name="stateName"/>, in
    /// the storage's key order (stable, for paging) after <paramref name="afterKey"/> (null: from the start), at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<string>> ListKeysAsync(string grainType, string stateName, string? afterKey, int limit, CancellationToken cancellationToken);

    Task<AppliedRequest?> ReadRequestAsync(RequestId request, CancellationToken cancellationToken);

    /// <summary>Forgets requests applied before <paramref name="appliedBefore"/>.</summary>
    /// <returns>How many were forgotten.</returns>
    Task<long> PurgeRequestsAsync(DateTimeOffset appliedBefore, CancellationToken cancellationToken);
}
