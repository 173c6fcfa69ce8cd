using System.Globalization;

namespace ActorRisk.Api.Endpoints;

/// <summary>Reads optional query-string parameters of list endpoints and collects, per parameter, why one is not valid.</summary>
internal sealed class QueryFields(IQueryCollection query)
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool IsValid => Errors.Count == 0;

    /// <summary>One member by name (case-insensitive); <paramref name="display"/> writes the members listed in the error.</summary>
    public TEnum? Enum<TEnum>(string name, Func<TEnum, string> display)
        where TEnum : struct, System.Enum
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (EnumNames.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        Errors[name] = [$"Must be one of: {string.Join(", ", System.Enum.GetValues<TEnum>().Select(display))}."];
        return null;
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Errors[name] = [$"Must be a whole number from {min} to {max}."];
        return fallback;
    }

    public bool? Boolean(string name)
    {
        var text = query[name].ToString();
        switch (text)
        {
            case "":
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                Errors[name] = ["Must be true or false."];
                return null;
        }
    }

    public string? Id(string name, int maxLength) => IdText(name, query[name].ToString(), maxLength);

    /// <summary>A prefix of an id, trimmed (blank is none), in the characters of ids: any other could match no merchant, so it is refused.</summary>
    public string? IdPrefix(string name, int maxLength) => IdText(name, query[name].ToString().Trim(), maxLength);

    private string? IdText(string name, string text, int maxLength)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (Identifiers.IsValid(text, maxLength))
        {
            return text;
        }

        Errors[name] = [Identifiers.Rule(maxLength)];
        return null;
    }
}
