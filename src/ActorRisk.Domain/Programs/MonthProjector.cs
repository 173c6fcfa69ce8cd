namespace ActorRisk.Domain.Programs;

/// <summary>
/// Projects the running month to its end at the current pace: this month's counts and amounts are divided by
/// the elapsed fraction of the month (at least one day, so the first hours do not explode the estimate);
/// previous-month denominators (Mastercard) are already final and stay as they are.
/// "Items to threshold" is counted against the projected month-end denominator, since that is the one
/// the network will use.
/// </summary>
public sealed class MonthProjector(ProgramRulebook rulebook, TimeProvider clock, decimal earlyWarningFraction = 0.8m)
{
    private static readonly TimeSpan MinimumElapsed = TimeSpan.FromDays(1);

    public ImmutableArray<ProgramProjection> Project(
        MerchantProfile profile,
        MerchantMonthTotals running,
        MerchantMonthTotals? previousMonth)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(running);
        var fraction = ElapsedFraction(running.Month, clock.GetUtcNow());
        var projections = ImmutableArray.CreateBuilder<ProgramProjection>();
        foreach (var version in rulebook.InForce(running.Month))
        {
            if (version.EntryTier is { } entry)
            {
                projections.Add(Project(version, entry, profile, running, previousMonth, fraction));
            }
        }

        return projections.ToImmutable();
    }

    /// <summary>Share of the month elapsed at <paramref name="now"/>, between one day's share and 1.</summary>
    public static decimal ElapsedFraction(YearMonth month, DateTimeOffset now)
    {
        var elapsed = now - month.Start;
        if (elapsed < MinimumElapsed)
        {
            elapsed = MinimumElapsed;
        }

        return elapsed >= month.Length ? 1m : (decimal)elapsed.Ticks / month.Length.Ticks;
    }

    private ProgramProjection Project(ProgramVersion version, ProgramTier entry, MerchantProfile profile, MerchantMonthTotals running, MerchantMonthTotals? previousMonth, decimal fraction)
    {
        var noun = version.ItemNoun;
        var thisMonth = running.For(version.Network);
        var previous = previousMonth?.For(version.Network);
        var current = MetricReading.Read(version.Metric, thisMonth, previous);
        var atMonthEnd = MetricReading.Read(version.Metric, thisMonth.Scale(1m / fraction), previous);

        var warning = current.Meets(entry, profile) ? WarningLevel.Over
            : atMonthEnd.Meets(entry, profile) ? WarningLevel.ProjectedOver
            : atMonthEnd.Meets(Scaled(entry, earlyWarningFraction), profile) ? WarningLevel.Approaching
            : WarningLevel.None;

        // An undefined ratio meets no tier (MetricReading.Shortfalls), so the warning above is None; nor is there a
        // number of items "to threshold", since the threshold is a share of sales that do not exist.
        var undefinedRatio = atMonthEnd.UndefinedRatioReason;
        var blockers = Blockers(entry, atMonthEnd, profile);
        long? items = null;
        Values.Money? amount = null;
        if (blockers.Count == 0 && undefinedRatio is null)
        {
            if (atMonthEnd.UsesAmountRatio || entry.MinAmount is not null)
            {
                amount = AmountToThreshold(entry, current, atMonthEnd);
            }

            if (!atMonthEnd.UsesAmountRatio)
            {
                items = ItemsToThreshold(entry, current, atMonthEnd);
            }
        }

        var reasons = new List<string>
        {
            $"At the current pace ({(fraction * 100m).ToString("0", CultureInfo.InvariantCulture)}% of {running.Month} elapsed): {atMonthEnd.Describe(noun)} by month end.",
        };
        if (undefinedRatio is not null)
        {
            reasons.Add(atMonthEnd.DenominatorIsPreviousMonth
                ? $"Ratio undefined: {undefinedRatio}. {version.Program} {entry.Name} needs the ratio as well as the count, so it cannot be met this month and there is no projection."
                : $"Ratio undefined: {undefinedRatio} so far. {version.Program} {entry.Name} needs the ratio as well as the count, so there is no projection until there are some.");
        }

        if (blockers.Count > 0)
        {
            reasons.Add($"{entry.Name} cannot be met this month: {string.Join(", ", blockers)}.");
        }
        else if (warning == WarningLevel.Over)
        {
            reasons.Add($"Already over {version.Program} {entry.Name} ({entry.DescribeThresholds(noun)}).");
        }
        else if (undefinedRatio is null)
        {
            var more = new List<string>();
            if (items is { } n)
            {
                more.Add($"{n:N0} more {noun}");
            }

            if (amount is { } a && !a.IsZero)
            {
                more.Add($"{a} more");
            }

            reasons.Add($"{string.Join(" and ", more)} this month would meet {version.Program} {entry.Name} ({entry.DescribeThresholds(noun)}).");
        }

        return new ProgramProjection(version.Program, version.Network, running.Month, fraction, entry.Id, current, atMonthEnd, items, amount, warning, [.. reasons]);
    }

    private static long ItemsToThreshold(ProgramTier tier, MetricReading current, MetricReading atMonthEnd)
    {
        var needed = 0L;
        if (tier.MinCount is { } minCount)
        {
            needed = Math.Max(needed, minCount - current.Count);
        }

        // Only called with a defined ratio, so the denominator is not zero.
        var forRatio = (long)Math.Ceiling(tier.MinRatio * atMonthEnd.DenominatorCount);
        return Math.Max(0, Math.Max(needed, forRatio - current.Count));
    }

    private static Values.Money AmountToThreshold(ProgramTier tier, MetricReading current, MetricReading atMonthEnd)
    {
        var needed = 0L;
        if (tier.MinAmount is { } minAmount)
        {
            needed = Math.Max(needed, minAmount.Amount - current.Amount.Amount);
        }

        if (atMonthEnd.UsesAmountRatio)
        {
            var forRatio = (long)Math.Ceiling(tier.MinRatio * atMonthEnd.DenominatorAmount.Amount);
            needed = Math.Max(needed, forRatio - current.Amount.Amount);
        }

        return new Values.Money(Math.Max(0, needed), "USD");
    }

    /// <summary>Conditions more disputes or fraud cannot change (EFM's minimum sales and 3-D Secure share).</summary>
    private static List<string> Blockers(ProgramTier tier, MetricReading atMonthEnd, MerchantProfile profile)
    {
        var unchangeable = tier with { MinCount = null, MinAmount = null, MinRatio = 0m };
        return [.. atMonthEnd.Shortfalls(unchangeable, profile).Where(s => !s.StartsWith("ratio", StringComparison.Ordinal))];
    }

    private static ProgramTier Scaled(ProgramTier tier, decimal fraction) => tier with
    {
        MinCount = tier.MinCount is { } count ? (long)Math.Ceiling(count * fraction) : null,
        MinAmount = tier.MinAmount is { } amount ? new Values.Money((long)Math.Ceiling(amount.Amount * fraction), amount.Currency) : null,
        MinRatio = tier.MinRatio * fraction,
    };
}
