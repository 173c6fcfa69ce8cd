using System.Buffers;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// What the API takes for an id (merchant, authorization, record, user and key names): 1 to a field's maximum of
/// letters, digits and - _ . : The portal's forms check ids by the same rule.
/// </summary>
public static class Identifiers
{
    internal static readonly SearchValues<char> Characters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:");

    public static bool IsValid(string text, int maxLength) =>
        text.Length is > 0 && text.Length <= maxLength && text.AsSpan().IndexOfAnyExcept(Characters) < 0;

    /// <summary>Why a text is not an id of at most <paramref name="maxLength"/> characters.</summary>
    public static string Rule(int maxLength) => $"Use only letters, digits and - _ . : (at most {maxLength}).";
}
