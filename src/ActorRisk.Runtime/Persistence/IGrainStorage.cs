namespace ActorRisk.Runtime.Persistence;

/// <summary>A stored state: its JSON, the schema version it was written with, and its version (the ETag).</summary>
public sealed record StoredState(ReadOnlyMemory<byte> Json, int SchemaVersion, long Version);

/// <summary>
/// Where grain state lives. Writes are conditional: <paramref name="expectedVersion"/> null means "must not
/// exist yet", otherwise the stored version must match. A mismatch (or a lost partition in a cluster) throws
/// <see cref="InconsistentStateException"/>.
/// </summary>
public interface IGrainStorage
{
    Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <returns>The new version.</returns>
    Task<long> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> json, int schemaVersion, long? expectedVersion, CancellationToken cancellationToken);

    Task ClearAsync(GrainId grainId, string stateName, long? expectedVersion, CancellationToken cancellationToken);
}
