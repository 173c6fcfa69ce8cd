namespace ActorRisk.Domain.Programs;

/// <summary>
/// A program's metric for one month: the counted items (and their USD amount where the program uses amounts)
/// over the denominator. <see cref="Ratio"/> is null when the denominator is zero: the ratio is then undefined,
/// and a tier with a ratio threshold (every tier of every program) cannot be met, whatever was counted.
/// </summary>
public sealed record MetricReading(
    MetricKind Kind,
    long Count,
    Values.Money Amount,
    long DenominatorCount,
    Values.Money DenominatorAmount,
    decimal? Ratio,
    decimal? ThreeDsShare)
{
    public bool UsesAmountRatio => Kind == MetricKind.FraudAmountRatio;

    public bool HasNumerator => UsesAmountRatio ? Amount.Amount > 0 : Count > 0;

    /// <summary>Whether the denominator is the previous month's sales (Mastercard), which nothing this month can change.</summary>
    public bool DenominatorIsPreviousMonth => Kind is MetricKind.ChargebackPreviousMonthRatio or MetricKind.FraudChargebackPreviousMonthRatio;

    /// <summary>Why the ratio is undefined ("no sales last month"), or null when it is defined.</summary>
    public string? UndefinedRatioReason => Ratio is not null ? null : Kind switch
    {
        MetricKind.VampCountRatio => "no card-not-present sales this month",
        MetricKind.ChargebackPreviousMonthRatio or MetricKind.FraudChargebackPreviousMonthRatio => "no sales last month",
        MetricKind.EnumerationRatio => "no authorizations this month",
        _ => "no sales this month",
    };

    /// <summary>Reads a program's metric from this month's totals and the previous month's (for Mastercard's denominator).</summary>
    public static MetricReading Read(MetricKind kind, NetworkMonthTotals month, NetworkMonthTotals? previousMonth)
    {
        var previous = previousMonth ?? NetworkMonthTotals.Empty;
        var noUsd = Values.Money.Zero("USD");
        return kind switch
        {
            MetricKind.DisputeCountRatio => CountRatio(kind, month.CountableDisputeCount, noUsd, month.SalesCount),
            MetricKind.FraudAmountRatio => new MetricReading(kind, month.FraudReportCount, month.FraudReportAmount, month.SalesCount, month.SalesAmount,
                Divide(month.FraudReportAmount.Amount, month.SalesAmount.Amount), null),
            MetricKind.VampCountRatio => CountRatio(kind,
                (month.FraudReportCount - month.CompellingEvidenceFraudReportCount) + (month.DisputeCount - month.RdrResolvedDisputeCount),
                noUsd, month.CardNotPresentSalesCount),
            MetricKind.ChargebackPreviousMonthRatio => CountRatio(kind, month.DisputeCount, noUsd, previous.SalesCount),
            MetricKind.FraudChargebackPreviousMonthRatio => CountRatio(kind, month.FraudDisputeCount, month.FraudDisputeAmount, previous.SalesCount) with
            {
                // No card-not-present sales this month authenticates none of them: a merchant that stopped selling but
                // still draws fraud chargebacks (Mastercard's ratio uses last month's sales) stays identifiable.
                ThreeDsShare = month.CardNotPresentSalesCount == 0 ? 0m : (decimal)month.ThreeDsAuthenticatedCount / month.CardNotPresentSalesCount,
            },
            MetricKind.EnumerationRatio => CountRatio(kind, month.EnumeratedAuthorizationCount, noUsd, month.AuthorizationCount),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>Whether this reading meets every threshold of <paramref name="tier"/>.</summary>
    public bool Meets(ProgramTier tier, MerchantProfile profile) => Shortfalls(tier, profile).Count == 0;

    /// <summary>The thresholds of <paramref name="tier"/> this reading does not meet, in words (empty when it meets them all).</summary>
    public IReadOnlyList<string> Shortfalls(ProgramTier tier, MerchantProfile profile)
    {
        var missing = new List<string>();
        if (tier.MinCount is { } minCount && Count < minCount)
        {
            missing.Add($"count {Count:N0} < {minCount:N0}");
        }

        if (tier.MinAmount is { } minAmount && Amount < minAmount)
        {
            missing.Add($"amount {Amount} < {minAmount}");
        }

        // Every program needs the ratio as well as the count or amount (seed 003: both thresholds must be met), so an
        // undefined ratio is a shortfall: counted items over no sales are not "over every ratio", they are unmeasurable.
        if (UndefinedRatioReason is { } undefined)
        {
            missing.Add($"ratio undefined: {undefined}");
        }
        else if (Ratio is { } ratio && ratio < tier.MinRatio)
        {
            missing.Add($"ratio {DescribeRatio()} < {ProgramTier.Percent(tier.MinRatio)}");
        }

        if (tier.MinDenominator is { } minDenominator && DenominatorCount < minDenominator)
        {
            missing.Add($"previous-month sales {DenominatorCount:N0} < {minDenominator:N0}");
        }

        var maxShare = profile.RegulatedMarket ? tier.MaxThreeDsShareInRegulatedMarket ?? tier.MaxThreeDsShare : tier.MaxThreeDsShare;
        if (maxShare is { } max && (ThreeDsShare ?? 0m) >= max)
        {
            missing.Add($"3-D Secure share {ProgramTier.Percent(ThreeDsShare ?? 0m)} >= {ProgramTier.Percent(max)}");
        }

        return missing;
    }

    /// <summary>
    /// Whether the ratio is shown to be under <paramref name="threshold"/> (Mastercard's exit test). An undefined ratio
    /// is under it only when nothing was counted: counted items over no sales cannot be shown to be below anything.
    /// </summary>
    public bool IsRatioBelow(decimal threshold) => Ratio is { } ratio ? ratio < threshold : !HasNumerator;

    public string DescribeRatio() => Ratio is { } ratio ? ProgramTier.Percent(ratio) : $"undefined ({UndefinedRatioReason})";

    /// <summary>"142 disputes / 12,000 sales this month = 1.1833%".</summary>
    public string Describe(string itemNoun) => Kind switch
    {
        MetricKind.FraudAmountRatio => $"{Amount} fraud ({Count:N0} reports) / {DenominatorAmount} sales this month = {DescribeRatio()}",
        MetricKind.VampCountRatio => $"{Count:N0} {itemNoun} / {DenominatorCount:N0} card-not-present sales this month = {DescribeRatio()}",
        MetricKind.ChargebackPreviousMonthRatio => $"{Count:N0} {itemNoun} / {DenominatorCount:N0} sales in the previous month = {DescribeRatio()}",
        MetricKind.FraudChargebackPreviousMonthRatio =>
            $"{Count:N0} {itemNoun} ({Amount}) / {DenominatorCount:N0} sales in the previous month = {DescribeRatio()}; 3-D Secure on {ProgramTier.Percent(ThreeDsShare ?? 0m)} of card-not-present sales",
        MetricKind.EnumerationRatio => $"{Count:N0} {itemNoun} / {DenominatorCount:N0} authorizations this month = {DescribeRatio()}",
        _ => $"{Count:N0} {itemNoun} / {DenominatorCount:N0} sales this month = {DescribeRatio()}",
    };

    private static MetricReading CountRatio(MetricKind kind, long count, Values.Money amount, long denominator) =>
        new(kind, count, amount, denominator, Values.Money.Zero("USD"), Divide(count, denominator), null);

    private static decimal? Divide(long numerator, long denominator) => denominator == 0 ? null : (decimal)numerator / denominator;
}
