using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorRisk.Persistence.Benchmarks;

/// <summary>System.Text.Json, camelCase, enums as strings: the format the product stores.</summary>
internal sealed class JsonStateSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T? Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options);
}
