using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// The checks every request document passes before a field is read, on every route and every NDJSON row: each
/// property name and string is well-formed text (valid UTF-8, no unpaired surrogate escape such as "\ud800"), no
/// name or string holds a control character, no name is empty, and no property is given twice in one object (a gateway or firewall that
/// reads the first value must never disagree with the silo, which would read the last). Errors name the field by
/// its path ("amount", "outcome.declineCode", "rows[2].id"); values are never echoed.
/// </summary>
internal static class JsonText
{
    public static Dictionary<string, string[]> Check(JsonElement root)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Visit(root, "$", errors);
        return errors;
    }

    private static void Visit(JsonElement element, string path, Dictionary<string, string[]> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryRead(() => property.Name, out var name))
                    {
                        Add(errors, path, "A property name is not valid text (malformed UTF-8 or an unpaired surrogate).");
                        continue;
                    }

                    // A name is echoed in error paths and logs: an empty one or one with control characters is no field.
                    if (name.Length == 0 || IsControlText(name))
                    {
                        Add(errors, path, "A property name must be non-empty and hold no control characters.");
                        continue;
                    }

                    var child = path == "$" ? name : $"{path}.{name}";
                    if (!seen.Add(name))
                    {
                        Add(errors, child, "Given more than once; send each field once.");
                        continue;
                    }

                    Visit(property.Value, child, errors);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Visit(item, $"{path}[{index++}]", errors);
                }

                break;
            case JsonValueKind.String:
                if (CheckString(element) is { } problem)
                {
                    Add(errors, path, problem);
                }

                break;
        }
    }

    // Every request passes here, so an unescaped string (nearly all of them) is checked in its raw UTF-8 bytes
    // without being decoded into a string; only one with escapes is decoded to see what they stand for.
    private static string? CheckString(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            if (!Utf8.IsValid(raw))
            {
                return NotText;
            }

            // C0 controls and DEL are single bytes; C1 controls (U+0080 to U+009F) are 0xC2 0x80 to 0xC2 0x9F.
            return raw.IndexOfAnyInRange((byte)0x00, (byte)0x1F) >= 0 || raw.IndexOf((byte)0x7F) >= 0 || HasC1(raw)
                ? ControlCharacters
                : null;
        }

        if (!TryRead(element.GetString, out var text))
        {
            return NotText;
        }

        return IsControlText(text) ? ControlCharacters : null;
    }

    private static bool IsControlText(string text) =>
        text.AsSpan().ContainsAnyInRange('\u0000', '\u001f') || text.AsSpan().ContainsAnyInRange('\u007f', '\u009f');

    private static bool HasC1(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i + 1 < utf8.Length; i++)
        {
            if (utf8[i] == 0xC2 && utf8[i + 1] is >= 0x80 and <= 0x9F)
            {
                return true;
            }
        }

        return false;
    }

    private const string NotText = "Not valid text (malformed UTF-8 or an unpaired surrogate).";

    private const string ControlCharacters = "Must not contain control characters.";

    private static bool TryRead(Func<string?> read, out string text)
    {
        try
        {
            text = read() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}
