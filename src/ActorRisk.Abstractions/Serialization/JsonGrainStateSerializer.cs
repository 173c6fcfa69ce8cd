using System.Text.Json;
using Orleans.Storage;

namespace ActorRisk.Abstractions.Serialization;

/// <summary>
/// Grain state as JSON (<see cref="ActorRiskJson"/>) for every storage provider: PostgreSQL keeps it in a jsonb
/// column that the merchant lists query, Azure Table storage and memory storage keep the same bytes.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, ActorRiskJson.Options));

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, ActorRiskJson.Options);
    }
}
