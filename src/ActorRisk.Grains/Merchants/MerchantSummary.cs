namespace ActorRisk.Grains.Merchants;

/// <summary>
/// A merchant's standing in a few fields, kept as its own small state so lists of merchants (by program, status
/// and risk) are a query over persisted grain state rather than a second copy of the truth. Rewritten by the
/// merchant whenever it changes: after a record in an open month, a month close or a profile change.
/// </summary>
public sealed record MerchantSummary
{
    public string MerchantId { get; init; } = string.Empty;

    /// <summary>The running month the projection was made for.</summary>
    public YearMonth Month { get; init; }

    public YearMonth? LastClosedMonth { get; init; }

    /// <summary>
    /// How close the merchant is to (or how deep it is in) a program: the highest projected month-end ratio over the
    /// entry threshold's ratio, plus 1 when the merchant is in a program. Above 1: over a threshold at the current pace.
    /// </summary>
    public decimal RiskScore { get; init; }

    public ImmutableArray<ProgramSummary> Programs { get; init; } = [];

    public Money FinesToDateUsd { get; init; } = Money.Zero("USD");

    /// <summary>Record equality compares arrays by reference; the summary is rewritten only when its content differs.</summary>
    public bool SameAs(MerchantSummary other) =>
        MerchantId == other.MerchantId && Month == other.Month && LastClosedMonth == other.LastClosedMonth && RiskScore == other.RiskScore
        && FinesToDateUsd == other.FinesToDateUsd && Programs.SequenceEqual(other.Programs);

    public static MerchantSummary Of(MerchantSnapshot merchant, ProgramRulebook rulebook)
    {
        var closed = merchant.LastClose?.Programs ?? [];
        var programs = ImmutableArray.CreateBuilder<ProgramSummary>();
        decimal pressure = 0;
        foreach (var projection in merchant.Projection)
        {
            var last = closed.FirstOrDefault(p => p.Program == projection.Program);
            var entryRatio = rulebook.VersionFor(projection.Program, merchant.Month)?.EntryTier?.MinRatio;
            var projected = projection.AtMonthEnd.Ratio ?? (projection.AtMonthEnd.HasNumerator ? decimal.MaxValue : 0m);
            var ratioPressure = entryRatio is > 0 && projected != decimal.MaxValue ? projected / entryRatio.Value : projected == decimal.MaxValue ? 10m : 0m;
            pressure = Math.Max(pressure, ratioPressure);
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
            RiskScore = Math.Round(pressure + (inProgram ? 1m : 0m), 4, MidpointRounding.AwayFromZero),
            Programs = programs.ToImmutable(),
            FinesToDateUsd = fines,
        };
    }
}

/// <summary>One program in a merchant summary: the last close's result and the running month's projection.</summary>
public sealed record ProgramSummary(
    MonitoringProgram Program,
    ProgramStatus Status,
    string? Tier,
    int MonthInProgram,
    decimal? ClosedRatio,
    decimal? ProjectedRatio,
    WarningLevel Warning);
