using System.Text.RegularExpressions;

namespace ActorRisk.Silo.Maintenance;

/// <summary>
/// Takes secrets out of text meant for the operator: the query of a URI (a SAS) and the key of a connection string.
/// The library prints locations without them already; this guards the messages of exceptions from below it.
/// </summary>
internal static partial class SecretText
{
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var withoutQueries = UriQuery().Replace(text, "${address}");
        return SecretValue().Replace(withoutQueries, "${name}: hidden");
    }

    /// <summary>A location as an operator gave it, for printing: a URI without its query.</summary>
    public static string Location(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new UriBuilder(uri) { Query = "" }.Uri.AbsoluteUri
            : value;

    [GeneratedRegex(@"(?<address>https?://[^\s?'""]+)\?[^\s'""]*", RegexOptions.IgnoreCase)]
    private static partial Regex UriQuery();

    [GeneratedRegex(@"(?<name>AccountKey|SharedAccessSignature|sig|Password)=[^;&\s'""]+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretValue();
}
