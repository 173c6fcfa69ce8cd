namespace ActorRisk.Runtime.Persistence;

/// <summary>
/// Converts a stored state written with an older schema version (see StateSchemaVersionAttribute).
/// Registered in DI per state type; applied on read, and the converted state is written on the next write.
/// </summary>
public interface IStateUpgrader<TState>
{
    System.Text.Json.Nodes.JsonNode Upgrade(System.Text.Json.Nodes.JsonNode stored, int fromSchemaVersion);
}
