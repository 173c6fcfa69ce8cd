using System.Globalization;

namespace ActorRisk.Portal;

/// <summary>How the portal writes numbers and times.</summary>
public static class Format
{
    /// <summary>A ratio as a percentage with two decimals ("0.90%"), or "n/a" when there is no denominator.</summary>
    public static string Ratio(decimal? ratio) => ratio is { } r ? (r * 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>An instant in UTC to the minute ("2026-11-21 14:05 UTC"): the risk team works across time zones.</summary>
    public static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
