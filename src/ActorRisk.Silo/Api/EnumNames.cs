namespace ActorRisk.Silo.Api;

/// <summary>
/// Reads one enum member by name, case-insensitively. Enum.TryParse also takes numbers and comma lists (OR-ing
/// their values), so "visa,mastercard" would silently become another member; a field names exactly one member.
/// </summary>
internal static class EnumNames
{
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
