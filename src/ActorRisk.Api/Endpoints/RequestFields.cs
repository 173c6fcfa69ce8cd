using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// Reads a JSON object field by field and collects every problem with the field at fault, so a bad request gets
/// one answer listing all its errors (RFC 9457 problem+json with "errors"). Values are never echoed back: a
/// malformed card number must not appear in a response or a log.
/// </summary>
internal sealed class RequestFields(JsonElement root)
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool IsValid => Errors.Count == 0;

    public void Fail(string field, string message) =>
        Errors[field] = Errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public bool Has(string name) => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>An identifier: 1 to <paramref name="maxLength"/> characters of letters, digits and - _ . :</summary>
    public string? Id(string name, bool required = true, int maxLength = 64)
    {
        var value = String(name, required, maxLength);
        if (value is not null && value.AsSpan().IndexOfAnyExcept(Identifiers.Characters) >= 0)
        {
            Fail(name, "Use only letters, digits and - _ . :");
            return null;
        }

        return value;
    }

    public string? String(string name, bool required = false, int maxLength = 256)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, "Must be a string.");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length == 0)
        {
            Fail(name, "Must not be empty.");
            return null;
        }

        if (text.Length > maxLength)
        {
            Fail(name, $"At most {maxLength} characters.");
            return null;
        }

        return text;
    }

    /// <summary>
    /// Why an operator acts (required, at most 500 characters): the audit must say why, and a blank reason is no
    /// reason (the domain refuses it too).
    /// </summary>
    public string? AuditReason(string name = "reason")
    {
        var reason = String(name, required: true, maxLength: 500);
        if (reason is not null && string.IsNullOrWhiteSpace(reason))
        {
            Fail(name, "Must not be blank.");
            return null;
        }

        return reason;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; fractions and overflow are refused.</summary>
    public long? Integer(string name, bool required, long min, long max, string unit)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            Fail(name, $"Must be a number ({unit}).");
            return null;
        }

        if (!value.TryGetInt64(out var number))
        {
            // Not a plain integer: a fraction or exponent within the range (1.5, 1e3) is not a whole number; anything
            // else (1e30, 99999999999999999999, beyond decimal even) is out of range.
            Fail(name, value.TryGetDecimal(out var d) && d >= min && d <= max
                ? $"Must be a whole number of {unit}, without a fraction or exponent."
                : OutOfRange(min, max, unit));
            return null;
        }

        if (number < min || number > max)
        {
            Fail(name, OutOfRange(min, max, unit));
            return null;
        }

        return number;
    }

    public bool? Boolean(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail(name, "Must be true or false.");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>An ISO 8601 instant with a UTC offset (2026-11-21T09:30:00Z).</summary>
    public DateTimeOffset? Instant(string name, bool required = false)
    {
        var text = String(name, required, 40);
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            || !(text.EndsWith('Z') || text[^6] is '+' or '-'))
        {
            Fail(name, "Must be an ISO 8601 instant with an offset, e.g. 2026-11-21T09:30:00Z.");
            return null;
        }

        return instant;
    }

    public string? Currency(string name)
    {
        var code = String(name, required: true, maxLength: 3);
        if (code is not null && !Iso4217.TryGet(code, out _))
        {
            Fail(name, "Not a supported ISO 4217 currency code (upper case, e.g. JPY, USD, EUR).");
            return null;
        }

        return code;
    }

    public TEnum? Enum<TEnum>(string name)
        where TEnum : struct, System.Enum
    {
        var text = String(name, maxLength: 32);
        if (text is null)
        {
            return null;
        }

        if (!EnumNames.TryParse<TEnum>(text, out var value))
        {
            Fail(name, $"Must be one of: {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}.");
            return null;
        }

        return value;
    }

    public string? Pattern(string name, Func<string, bool> valid, string rule, int maxLength)
    {
        var text = String(name, maxLength: maxLength);
        if (text is not null && !valid(text))
        {
            Fail(name, rule);
            return null;
        }

        return text;
    }

    /// <summary>A dotted-quad IPv4 or an IPv6 address (IPAddress.TryParse alone also accepts "1" or "12345").</summary>
    public static bool IsIpAddress(string text) =>
        IPAddress.TryParse(text, out var address) &&
        (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3);

    /// <summary>Checks an id taken from the route (say a merchant id), failing <paramref name="name"/> when it is not one.</summary>
    public void PathId(string name, string value, int maxLength = 64)
    {
        if (!Identifiers.IsValid(value, maxLength))
        {
            Fail(name, Identifiers.Rule(maxLength));
        }
    }

    private static string OutOfRange(long min, long max, string unit) =>
        $"Must be between {min.ToString("N0", CultureInfo.InvariantCulture)} and {max.ToString("N0", CultureInfo.InvariantCulture)} {unit}.";

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        if (root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            Fail(name, "Required.");
        }

        return false;
    }
}
