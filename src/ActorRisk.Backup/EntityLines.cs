using System.Text;

namespace ActorRisk.Backup;

/// <summary>
/// One entity as one JSON line: its keys, its Timestamp (for the reader; the service sets its own on restore) and every
/// other property with its EDM type, copied generically, never interpreted: Orleans splits a large grain state over
/// several binary or string properties, and the types must come back exactly as they were.
/// <code>
/// {"partitionKey":"…","rowKey":"…","timestamp":"…","properties":{"Data":{"type":"Edm.Binary","value":"base64"},…}}
/// </code>
/// Int64 and Double values are strings (JSON numbers lose 64-bit integers; "R" keeps every double, NaN and infinities too).
/// </summary>
internal static class EntityLines
{
    private const string PartitionKey = "partitionKey";
    private const string RowKey = "rowKey";
    private const string Timestamp = "timestamp";
    private const string Properties = "properties";
    private const string Type = "type";
    private const string Value = "value";

    // What TableEntity holds beside the properties: the keys, the service's Timestamp and the ETag.
    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal)
    {
        "PartitionKey", "RowKey", "Timestamp", "odata.etag",
    };

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString(PartitionKey, entity.PartitionKey);
        writer.WriteString(RowKey, entity.RowKey);
        if (entity.Timestamp is { } timestamp)
        {
            writer.WriteString(Timestamp, timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        }

        writer.WriteStartObject(Properties);
        foreach (var (name, value) in entity)
        {
            if (SystemProperties.Contains(name) || value is null)
            {
                continue;
            }

            writer.WriteStartObject(name);
            var (type, text) = Encode(name, value);
            writer.WriteString(Type, type);
            writer.WriteString(Value, text);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static TableEntity Read(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var entity = new TableEntity(root.GetProperty(PartitionKey).GetString(), root.GetProperty(RowKey).GetString());
        foreach (var property in root.GetProperty(Properties).EnumerateObject())
        {
            entity[property.Name] = Decode(property.Name, property.Value.GetProperty(Type).GetString(), property.Value.GetProperty(Value).GetString()!);
        }

        return entity;
    }

    /// <summary>An estimate of the entity's size in a batch request (base64 binaries, UTF-16-safe strings), to keep a transaction under the service's 4 MiB.</summary>
    public static long EstimatedBytes(TableEntity entity)
    {
        long bytes = 256;
        foreach (var (name, value) in entity)
        {
            bytes += (name.Length * 2) + 64 + value switch
            {
                byte[] binary => (binary.Length * 4L / 3) + 4,
                BinaryData binary => (binary.ToMemory().Length * 4L / 3) + 4,
                string text => Encoding.UTF8.GetByteCount(text) * 2L,
                _ => 40,
            };
        }

        return bytes;
    }

    private static (string Type, string Value) Encode(string name, object value) => value switch
    {
        byte[] binary => ("Edm.Binary", Convert.ToBase64String(binary)),
        BinaryData binary => ("Edm.Binary", Convert.ToBase64String(binary.ToMemory().Span)),
        string text => ("Edm.String", text),
        int number => ("Edm.Int32", number.ToString(CultureInfo.InvariantCulture)),
        long number => ("Edm.Int64", number.ToString(CultureInfo.InvariantCulture)),
        double number => ("Edm.Double", number.ToString("R", CultureInfo.InvariantCulture)),
        bool flag => ("Edm.Boolean", flag ? "true" : "false"),
        DateTimeOffset time => ("Edm.DateTime", time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        DateTime time => ("Edm.DateTime", time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
        Guid guid => ("Edm.Guid", guid.ToString("D")),
        _ => throw new BackupException($"Property {name} has a type Table storage does not have ({value.GetType().Name}): nothing was written in its place."),
    };

    private static object Decode(string name, string? type, string value) => type switch
    {
        "Edm.Binary" => Convert.FromBase64String(value),
        "Edm.String" => value,
        "Edm.Int32" => int.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        "Edm.Int64" => long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        "Edm.Double" => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
        "Edm.Boolean" => bool.Parse(value),
        "Edm.DateTime" => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        "Edm.Guid" => Guid.ParseExact(value, "D"),
        _ => throw new BackupException($"Property {name} has an unknown type '{type}' in the backup set."),
    };
}
