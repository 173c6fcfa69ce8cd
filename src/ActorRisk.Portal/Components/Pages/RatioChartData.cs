using ActorRisk.Domain.Programs;

namespace ActorRisk.Portal.Components.Pages;

/// <summary>
/// One month of a program's chart: the closed month's ratio, or for the running month (<see cref="Running"/>) the
/// ratio so far and at month end at the current pace; the entry threshold in force that month (null when the
/// program was not); the month's count in the program (0: not in it); and whether its totals were imported.
/// </summary>
public sealed record RatioPoint(YearMonth Month, bool Running, decimal? Ratio, decimal? Projected, decimal? Threshold, int MonthInProgram, ProgramStatus? Status, bool Imported = false);

/// <summary>A program's months for the merchant page's chart, oldest first, the running month last.</summary>
public sealed record ProgramRatios(MonitoringProgram Program, IReadOnlyList<RatioPoint> Points)
{
    /// <summary>The chart's values, in percent (a ratio of 0.009 is 0.9): null where there is nothing to draw.</summary>
    public IReadOnlyList<double?> RatioSeries => [.. Points.Select(p => p.Running ? null : Percent(p.Ratio))];

    /// <summary>The projection, joined to the last closed month so it reads as the line's continuation.</summary>
    public IReadOnlyList<double?> ProjectionSeries =>
        [.. Points.Select((p, i) => p.Running ? Percent(p.Projected) : i == Points.Count - 2 && Points[^1].Running ? Percent(p.Ratio) : null)];

    public IReadOnlyList<double?> ThresholdSeries => [.. Points.Select(p => Percent(p.Threshold))];

    /// <summary>The ratio again, only in months in the program: a second mark over the ratio line where it counts.</summary>
    public IReadOnlyList<double?> InProgramSeries => [.. Points.Select(p => p.MonthInProgram > 0 ? Percent(p.Ratio) : null)];

    private static double? Percent(decimal? ratio) => ratio is { } r ? (double)(r * 100m) : null;
}

/// <summary>Builds each program's <see cref="ProgramRatios"/> from what the merchant grain keeps (24 closed months and the projection).</summary>
public static class RatioChartData
{
    public static IReadOnlyList<ProgramRatios> Of(MerchantSnapshot merchant, ProgramRulebook rulebook)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        ArgumentNullException.ThrowIfNull(rulebook);
        var history = merchant.History.IsDefault ? [] : merchant.History;
        var projections = merchant.Projection.IsDefault ? [] : merchant.Projection;
        var programs = history.SelectMany(m => m.Programs.Select(p => p.Program)).Concat(projections.Select(p => p.Program)).Distinct().Order();
        var charts = new List<ProgramRatios>();
        foreach (var program in programs)
        {
            var points = new List<RatioPoint>();
            foreach (var month in history.OrderBy(m => m.Month))
            {
                var result = month.Programs.FirstOrDefault(p => p.Program == program);
                points.Add(new RatioPoint(month.Month, false, result?.Metric.Ratio, null, Threshold(rulebook, program, month.Month), result?.MonthInProgram ?? 0, result?.Status, month.Imported));
            }

            if (projections.FirstOrDefault(p => p.Program == program) is { } projection)
            {
                points.Add(new RatioPoint(merchant.Month, true, projection.Current.Ratio, projection.AtMonthEnd.Ratio, Threshold(rulebook, program, merchant.Month), 0, null));
            }

            if (points.Any(p => p.Ratio is not null || p.Projected is not null))
            {
                charts.Add(new ProgramRatios(program, points));
            }
        }

        return charts;
    }

    private static decimal? Threshold(ProgramRulebook rulebook, MonitoringProgram program, YearMonth month) =>
        rulebook.VersionFor(program, month)?.EntryTier?.MinRatio;
}
