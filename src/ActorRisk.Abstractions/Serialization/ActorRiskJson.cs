using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorRisk.Abstractions.Serialization;

/// <summary>
/// The one JSON shape of ActorRisk's stored and exchanged data (System.Text.Json, camelCase, enums as their names).
/// Grain state in every store and domain values inside Orleans messages use it, so a row in PostgreSQL, an entity in
/// Azure Table storage and a message between silos read alike. Unknown properties are ignored and missing ones take
/// their defaults, so adding a field never breaks stored state.
/// </summary>
public static class ActorRiskJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

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
