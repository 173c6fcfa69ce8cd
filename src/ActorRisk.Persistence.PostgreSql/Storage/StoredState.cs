namespace ActorRisk.Persistence.PostgreSql;

/// <summary>A stored row: the state's JSON (UTF-8) and its version, the ETag.</summary>
internal sealed record StoredState(byte[] Json, long Version);
