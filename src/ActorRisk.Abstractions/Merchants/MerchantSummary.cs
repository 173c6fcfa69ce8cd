namespace ActorRisk.Abstractions.Merchants;

/// <summary>
/// A merchant's standing in a few fields, kept as its own small state so lists of merchants (by program, status
/// and risk) are a query over persisted grain state rather than a second copy of the truth. Rewritten by the
/// merchant whenever it changes: after a record in an open month, a month close or a profile change.
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.merchant-summary")]
public sealed record MerchantSummary
{
    /// <summary>The merchant grain's state name of its summary (in storage <see cref="StorageNames.MerchantSummaries"/>).</summary>
    public const string StateName = "merchant-summary";

    [Id(0)]
    public string MerchantId { get; init; } = string.Empty;

    /// <summary>The running month the projection was made for.</summary>
    [Id(1)]
    public YearMonth Month { get; init; }

    [Id(2)]
    public YearMonth? LastClosedMonth { get; init; }

    /// <summary>
    /// Riskiest first: 4 for a merchant in a program, plus the highest warning level of the running month (3 over a
    /// threshold, 2 projected over at the current pace, 1 approaching), plus a tiebreaker under 1: the projected
    /// month-end ratio over the entry threshold's ratio, divided by 10 (capped).
    /// </summary>
    [Id(3)]
    public decimal RiskScore { get; init; }

    [Id(4)]
    public ImmutableArray<ProgramSummary> Programs { get; init; } = [];

    [Id(5)]
    public Money FinesToDateUsd { get; init; } = Money.Zero("USD");

    /// <summary>
    /// Alerts raised by the change this summary records, kept here until the alert sink has them: written in the
    /// same write as the change, so an alert is never lost between the two (the sink ignores an id it already has).
    /// </summary>
    [Id(6)]
    public ImmutableArray<MerchantAlert> PendingAlerts { get; init; } = [];

    private const decimal InProgramWeight = 4m;

    /// <summary>Record equality compares arrays by reference; the summary is rewritten only when its content differs.</summary>
    public bool SameAs(MerchantSummary other) =>
        MerchantId == other.MerchantId && Month == other.Month && LastClosedMonth == other.LastClosedMonth && RiskScore == other.RiskScore
        && FinesToDateUsd == other.FinesToDateUsd && Programs.SequenceEqual(other.Programs);

    private static decimal Pressure(ProgramProjection projection, decimal? entryRatio)
    {
        decimal level = projection.Warning switch
        {
            WarningLevel.Over => 3,
            WarningLevel.ProjectedOver => 2,
            WarningLevel.Approaching => 1,
            _ => 0,
        };
        var ratio = projection.AtMonthEnd.Ratio is { } r && entryRatio is > 0 ? Math.Min(r / entryRatio.Value, 9.99m) / 10m : 0m;
        return level + ratio;
    }

    public static MerchantSummary Of(MerchantSnapshot merchant, ProgramRulebook rulebook)
    {
        var closed = merchant.LastClose?.Programs ?? [];
        var programs = ImmutableArray.CreateBuilder<ProgramSummary>();
        decimal score = 0;
        foreach (var projection in merchant.Projection)
        {
            var last = closed.FirstOrDefault(p => p.Program == projection.Program);
            score = Math.Max(score, Pressure(projection, rulebook.VersionFor(projection.Program, merchant.Month)?.EntryTier?.MinRatio));
            programs.Add(new ProgramSummary(
                projection.Program,
                last?.Status ?? ProgramStatus.NotInProgram,
                last?.Tier,
                last?.MonthInProgram ?? 0,
                last?.Metric.Ratio,
                projection.AtMonthEnd.Ratio,
                projection.Warning));
        }

        foreach (var result in closed.Where(r => merchant.Projection.All(p => p.Program != r.Program)))
        {
            programs.Add(new ProgramSummary(result.Program, result.Status, result.Tier, result.MonthInProgram, result.Metric.Ratio, null, WarningLevel.None));
        }

        var inProgram = merchant.Programs.Standings.Values.Any(s => s.InProgram);
        var fines = merchant.Programs.Standings.Values.Aggregate(Money.Zero("USD"), (sum, s) => sum + s.FinesToDateIn("USD"));
        return new MerchantSummary
        {
            MerchantId = merchant.MerchantId,
            Month = merchant.Month,
            LastClosedMonth = merchant.LastClosedMonth,
            RiskScore = Math.Round(score + (inProgram ? InProgramWeight : 0m), 4, MidpointRounding.AwayFromZero),
            Programs = programs.ToImmutable(),
            FinesToDateUsd = fines,
        };
    }
}

/// <summary>One program in a merchant summary: the last close's result and the running month's projection.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.program-summary")]
public sealed record ProgramSummary(
    [property: Id(0)] MonitoringProgram Program,
    [property: Id(1)] ProgramStatus Status,
    [property: Id(2)] string? Tier,
    [property: Id(3)] int MonthInProgram,
    [property: Id(4)] decimal? ClosedRatio,
    [property: Id(5)] decimal? ProjectedRatio,
    [property: Id(6)] WarningLevel Warning);
