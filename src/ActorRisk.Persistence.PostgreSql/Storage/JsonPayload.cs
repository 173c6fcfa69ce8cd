using System.Text.Json;

namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// The state column is jsonb, so the serializer must write UTF-8 JSON. Orleans' default storage serializer writes
/// its binary format; a storage left with it would fail every write deep in the database with an opaque error, so
/// the bytes are checked first (a linear, allocation-free scan) and the message names the option to set.
/// </summary>
internal static class JsonPayload
{
    public static ReadOnlyMemory<byte> Validate(BinaryData data, string storageName, IGrainStorageSerializer serializer, Type stateType)
    {
        var bytes = data.ToMemory();
        if (!IsJson(bytes.Span))
        {
            throw new InvalidOperationException(
                $"PostgreSQL grain storage '{storageName}' keeps state in a jsonb column, but its serializer {serializer.GetType().FullName} did not write " +
                $"UTF-8 JSON for {stateType.FullName}. Set {nameof(PostgresGrainStorageOptions)}.{nameof(PostgresGrainStorageOptions.GrainStorageSerializer)} " +
                "(or register an IGrainStorageSerializer) to a JSON serializer.");
        }

        return bytes;
    }

    public static bool IsJson(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            while (reader.Read())
            {
            }

            return true; // as a final block, anything after the one value would have thrown
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
