using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorRisk.Persistence.Tests.Support;

/// <summary>
/// The tests' grain state serializer: System.Text.Json, camelCase, enums as strings, as the old runtime wrote
/// rows (and as the product's own serializer will).
/// </summary>
internal sealed class TestJsonSerializer : IGrainStorageSerializer
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static TestJsonSerializer Instance { get; } = new();

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T? Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options);
}
