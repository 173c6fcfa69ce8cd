using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ActorRisk.Runtime.Persistence;

/// <summary>
/// JSON for grain state (System.Text.Json, camelCase, enums as strings). Unknown properties are ignored and
/// missing ones take their defaults, so adding a field never breaks old rows; a row written by a newer schema
/// than this code knows is refused rather than overwritten.
/// </summary>
public sealed class GrainStateSerializer(JsonSerializerOptions? options = null)
{
    public static JsonSerializerOptions DefaultOptions { get; } = CreateOptions();

    public JsonSerializerOptions Options { get; } = options ?? DefaultOptions;

    public static int SchemaVersionOf<TState>() => typeof(TState).GetCustomAttribute<StateSchemaVersionAttribute>()?.Version ?? 1;

    public byte[] Serialize<TState>(TState state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    /// <summary>Reads an answer recorded with a request (same options as state; answers carry no schema version).</summary>
    public TAnswer DeserializeAnswer<TAnswer>(ReadOnlyMemory<byte> json) => JsonSerializer.Deserialize<TAnswer>(json.Span, Options)!;

    public TState Deserialize<TState>(StoredState stored, IStateUpgrader<TState>? upgrader, GrainId grainId, string stateName)
    {
        var current = SchemaVersionOf<TState>();
        if (stored.SchemaVersion > current)
        {
            throw new InvalidOperationException(
                $"State '{stateName}' of {grainId} was written with schema version {stored.SchemaVersion}, newer than this build's {current}; refusing to read or overwrite it.");
        }

        if (stored.SchemaVersion < current && upgrader is not null)
        {
            var node = JsonNode.Parse(stored.Json.Span) ?? throw new InvalidOperationException($"State '{stateName}' of {grainId} is empty.");
            return upgrader.Upgrade(node, stored.SchemaVersion).Deserialize<TState>(Options)!;
        }

        return JsonSerializer.Deserialize<TState>(stored.Json.Span, Options)!;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
