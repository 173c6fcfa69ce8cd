namespace ActorRisk.Domain.Programs;

/// <summary>
/// One program's rules for a span of months. A program whose rules changed (VAMP's 2.2% to 1.5%) has one
/// version per span; the evaluator picks the version in force in the month it evaluates.
/// </summary>
public sealed record ProgramVersion
{
    public required MonitoringProgram Program { get; init; }

    public required CardNetwork Network { get; init; }

    public required string Name { get; init; }

    public required YearMonth EffectiveFrom { get; init; }

    /// <summary>Last month in force (inclusive); null while still in force.</summary>
    public YearMonth? EffectiveThrough { get; init; }

    public required MetricKind Metric { get; init; }

    /// <summary>Tiers from the lowest to the highest. No enforcement tier means the program only measures (advisory).</summary>
    public required ImmutableArray<ProgramTier> Tiers { get; init; }

    /// <summary>Fine schedule per enforcement tier id.</summary>
    public required ImmutableDictionary<string, FineSchedule> Fines { get; init; }

    /// <summary>Consecutive months below every enforcement tier after which the merchant leaves the program.</summary>
    public required int ExitAfterMonthsBelow { get; init; }

    /// <summary>
    /// When true, a month counts toward exit only if the ratio is under the entry tier's ratio (Mastercard:
    /// "below 1.5%"); a month under the count threshold but still at or over the ratio breaks the run.
    /// When false, any month the merchant is not identified counts (Visa: "below the Standard thresholds").
    /// </summary>
    public bool ExitRequiresRatioBelow { get; init; }

    public TimelineCounting Counting { get; init; } = TimelineCounting.MonthsIdentified;

    /// <summary>Tier whose fine schedule a high-brand-risk merchant follows as soon as it is identified (Visa).</summary>
    public string? HighBrandRiskTier { get; init; }

    /// <summary>Month after which the network may disqualify the merchant (Visa: after month 12).</summary>
    public int? DisqualificationAfterMonth { get; init; }

    /// <summary>Why this version has no fines or no thresholds, for the analyst (grace periods, advisory months).</summary>
    public string? Note { get; init; }

    /// <summary>Where the numbers come from.</summary>
    public ImmutableArray<string> Sources { get; init; } = [];

    public bool IsInForce(YearMonth month) => month >= EffectiveFrom && (EffectiveThrough is null || month <= EffectiveThrough);

    public IEnumerable<ProgramTier> EnforcementTiers => Tiers.Where(t => t.Role == TierRole.Enforcement);

    public ProgramTier? EntryTier => EnforcementTiers.FirstOrDefault();

    public ProgramTier Tier(string id) => Tiers.Single(t => t.Id == id);

    public FineSchedule FinesFor(string tierId) =>
        Fines.TryGetValue(tierId, out var schedule) ? schedule : FineSchedule.None("USD");

    /// <summary>The noun for the metric's counted items, as used in reason and fine lines.</summary>
    public string ItemNoun => Metric switch
    {
        MetricKind.DisputeCountRatio => "disputes",
        MetricKind.FraudAmountRatio => "fraud reports",
        MetricKind.VampCountRatio => "fraud reports and disputes",
        MetricKind.ChargebackPreviousMonthRatio => "chargebacks",
        MetricKind.FraudChargebackPreviousMonthRatio => "fraud chargebacks",
        MetricKind.EnumerationRatio => "enumerated authorizations",
        _ => "items",
    };
}
