using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// Reads a JSON object field by field and collects every problem with the field at fault, so a bad request gets
/// one answer listing all its errors (RFC 9457 problem+json with "errors"). Values are never echoed back: a
/// malformed card number must not appear in a response or a log. A nested object or an array's item is read by a
/// reader of its own (<see cref="Object"/>, <see cref="Items"/>) that shares the errors and names each field by its
/// path ("months[3].salesAmount.currency").
/// </summary>
internal sealed class RequestFields
{
    private readonly JsonElement root;

    // What goes before a field's name in an error: empty at the top, "months[3]." or "salesAmount." further in.
    private readonly string path;

    public RequestFields(JsonElement root)
        : this(root, string.Empty, new(StringComparer.Ordinal))
    {
    }

    private RequestFields(JsonElement root, string path, Dictionary<string, string[]> errors)
    {
        this.root = root;
        this.path = path;
        Errors = errors;
    }

    /// <summary>Every error of the request, the nested readers' included.</summary>
    public Dictionary<string, string[]> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    public void Fail(string field, string message)
    {
        var named = path + field;
        Errors[named] = Errors.TryGetValue(named, out var existing) ? [.. existing, message] : [message];
    }

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

    public TEnum? Enum<TEnum>(string name, bool required = false)
        where TEnum : struct, System.Enum
    {
        if (required && !Has(name))
        {
            Fail(name, $"Required: one of {Members<TEnum>()}.");
            return null;
        }

        var text = String(name, maxLength: 32);
        if (text is null)
        {
            return null;
        }

        if (!EnumNames.TryParse<TEnum>(text, out var value))
        {
            Fail(name, $"Must be one of: {Members<TEnum>()}.");
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

    /// <summary>A nested object, read by a reader whose errors carry its path ("salesAmount.currency"); null when absent or not an object.</summary>
    public RequestFields? Object(string name, bool required)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(name, "Must be an object.");
            return null;
        }

        return new RequestFields(value, $"{path}{name}.", Errors);
    }

    /// <summary>
    /// An array of <paramref name="min"/> to <paramref name="max"/> objects, each read by a reader whose errors carry its
    /// index ("months[3].month"); an item that is not an object is an error on it and null in the list.
    /// </summary>
    public IReadOnlyList<RequestFields?>? Items(string name, int min, int max, string unit)
    {
        if (!TryGet(name, required: true, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, $"Must be an array of {unit}.");
            return null;
        }

        var count = value.GetArrayLength();
        if (count < min || count > max)
        {
            Fail(name, $"Must hold {min.ToString("N0", CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)} {unit}; it holds {count.ToString("N0", CultureInfo.InvariantCulture)}.");
            return null;
        }

        var items = new List<RequestFields?>(count);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"{name}[{index++}]";
            if (item.ValueKind == JsonValueKind.Object)
            {
                items.Add(new RequestFields(item, $"{path}{at}.", Errors));
            }
            else
            {
                Fail(at, "Must be an object.");
                items.Add(null);
            }
        }

        return items;
    }

    /// <summary>Money as the API writes it, <c>{ "amount": minor units, "currency": "USD" }</c>; errors name "amount" and "currency" under the field.</summary>
    public Money? Money(string name, bool required, long maxAmount)
    {
        var money = Object(name, required);
        if (money is null)
        {
            return null;
        }

        var amount = money.Integer("amount", required: true, 0, maxAmount, "minor units");
        var currency = money.Currency("currency");
        return amount is { } minor && currency is not null ? new Money(minor, currency) : null;
    }

    /// <summary>A calendar month, "2024-01".</summary>
    public YearMonth? Month(string name, bool required)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !YearMonth.TryParse(value.GetString(), out var month))
        {
            Fail(name, "Must be a month (2024-01).");
            return null;
        }

        return month;
    }

    /// <summary>Checks an id taken from the route (say a merchant id), failing <paramref name="name"/> when it is not one.</summary>
    public void PathId(string name, string value, int maxLength = 64)
    {
        if (!Identifiers.IsValid(value, maxLength))
        {
            Fail(name, Identifiers.Rule(maxLength));
        }
    }

    private static string Members<TEnum>()
        where TEnum : struct, System.Enum => string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));

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
