using System.Text.Json;

namespace ActorRisk.Api.Endpoints;

/// <summary>Enum members as the API (and the portal's query strings) name them.</summary>
public static class EnumNames
{
    /// <summary>The member's name in camelCase, as the API writes it (mastercard, lastClosed).</summary>
    public static string Name<TEnum>(this TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>
    /// Reads one enum member by name, case-insensitively. Enum.TryParse also takes numbers and comma lists (OR-ing
    /// their values), so "visa,mastercard" would silently become another member; a field names exactly one member.
    /// </summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
