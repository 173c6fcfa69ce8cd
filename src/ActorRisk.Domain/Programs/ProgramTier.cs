namespace ActorRisk.Domain.Programs;

/// <summary>What being over a tier means for the merchant.</summary>
public enum TierRole
{
    /// <summary>A notification level below the program: no timeline, no fines.</summary>
    EarlyWarning,

    /// <summary>Meeting it puts the merchant in the program (month counter, fines).</summary>
    Enforcement,
}

/// <summary>
/// A tier's thresholds. Every threshold that is set must be met (count AND ratio, and for EFM also amount,
/// denominator and 3-D Secure share); a value exactly at a threshold meets it.
/// </summary>
public sealed record ProgramTier(
    string Id,
    string Name,
    TierRole Role,
    decimal MinRatio,
    long? MinCount = null,
    Values.Money? MinAmount = null,
    long? MinDenominator = null,
    decimal? MaxThreeDsShare = null,
    decimal? MaxThreeDsShareInRegulatedMarket = null)
{
    public string DescribeThresholds(string countNoun)
    {
        var parts = new List<string>();
        if (MinCount is { } count)
        {
            parts.Add($"{count:N0} {countNoun}");
        }

        if (MinAmount is { } amount)
        {
            parts.Add(amount.ToString());
        }

        parts.Add(Percent(MinRatio));
        if (MinDenominator is { } denominator)
        {
            parts.Add($"{denominator:N0}+ sales in the previous month");
        }

        if (MaxThreeDsShare is { } share)
        {
            parts.Add($"3-D Secure on under {Percent(share)} of volume" +
                      (MaxThreeDsShareInRegulatedMarket is { } regulated ? $" ({Percent(regulated)} in regulated markets)" : string.Empty));
        }

        return string.Join(" and ", parts);
    }

    internal static string Percent(decimal ratio) => (ratio * 100m).ToString("0.00##", CultureInfo.InvariantCulture) + "%";
}
