using System.Globalization;

namespace ActorRisk.Silo.Portal;

/// <summary>How the portal writes numbers.</summary>
public static class Format
{
    /// <summary>A ratio as a percentage with two decimals ("0.90%"), or "n/a" when there is no denominator.</summary>
    public static string Ratio(decimal? ratio) => ratio is { } r ? (r * 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a";
}
