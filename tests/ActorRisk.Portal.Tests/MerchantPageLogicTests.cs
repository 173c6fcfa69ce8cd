using System.Collections.Immutable;
using ActorRisk.Abstractions.Merchants;
using ActorRisk.Domain.Merchants;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;
using ActorRisk.Portal.Components.Pages;
using ActorRisk.ReadModels.Merchants;

namespace ActorRisk.Portal.Tests;

/// <summary>The merchant pages' logic without a browser: the grid's query, the charts' series, and when a fresh read changes the page.</summary>
public sealed class MerchantPageLogicTests
{
    private static readonly YearMonth January = new(2024, 1);
    private static readonly ProgramRulebook Rulebook = ProgramRulebook.Standard();

    [Theory]
    [InlineData(MerchantListQuery.RiskColumn, true, MerchantSort.Risk, false)]
    [InlineData(MerchantListQuery.RiskColumn, false, MerchantSort.Risk, true)]
    [InlineData(MerchantListQuery.MerchantColumn, false, MerchantSort.MerchantId, false)]
    [InlineData(MerchantListQuery.MerchantColumn, true, MerchantSort.MerchantId, true)]
    [InlineData(MerchantListQuery.FinesColumn, true, MerchantSort.Fines, false)]
    [InlineData(MerchantListQuery.FinesColumn, false, MerchantSort.Fines, true)]
    [InlineData(MerchantListQuery.LastClosedColumn, true, MerchantSort.LastClosed, false)]
    [InlineData(MerchantListQuery.LastClosedColumn, false, MerchantSort.LastClosed, true)]
    [InlineData(null, true, MerchantSort.Risk, false)]
    [InlineData("Programs", true, MerchantSort.Risk, false)]
    public void TheGridsColumnAndDirectionBecomeTheDirectorysOrder(string? column, bool descending, MerchantSort sort, bool reverse)
    {
        var query = new MerchantListQuery("shop-", MonitoringProgram.VDMP, ProgramStatus.Enforcement).ForPage(2, 50, column, descending);

        Assert.Equal(new MerchantQuery(MonitoringProgram.VDMP, ProgramStatus.Enforcement, 3, 50, "shop-", sort, reverse), query);
    }

    [Fact]
    public void PagesAndPageSizesStayInRange()
    {
        var query = MerchantListQuery.Empty.ForPage(int.MaxValue, 10_000, null, true);
        Assert.Equal(100_001, query.Page);
        Assert.Equal(MerchantListQuery.MaxPageSize, query.PageSize);

        query = MerchantListQuery.Empty.ForPage(-3, 0, null, true);
        Assert.Equal(1, query.Page);
        Assert.Equal(1, query.PageSize);
    }

    [Fact]
    public void TheAddressSetsTheFilters()
    {
        var parsed = MerchantListQuery.Parse("  shop & co ", "vdmp", "exitwindow");
        Assert.Equal(new MerchantListQuery("shop & co", MonitoringProgram.VDMP, ProgramStatus.ExitWindow), parsed);

        // What names nothing is left out, as the old form did; the overview's link keeps working.
        Assert.Equal(MerchantListQuery.Empty, MerchantListQuery.Parse(" ", "nope", "1"));
        Assert.Equal(new MerchantListQuery(null, null, ProgramStatus.Enforcement), MerchantListQuery.Parse(null, null, "Enforcement"));
    }

    [Fact]
    public void EachProgramsChartHasItsRatiosThresholdsMonthsInProgramAndTheProjection()
    {
        var merchant = Snapshot(
            [
                Closed(January, Result(MonitoringProgram.VDMP, January, 0.005m, 0), Result(MonitoringProgram.ECM, January, null, 0)),
                Closed(January.AddMonths(1), Result(MonitoringProgram.VDMP, January.AddMonths(1), 0.0095m, 1)),
                Closed(January.AddMonths(2), Result(MonitoringProgram.VDMP, January.AddMonths(2), 0.012m, 2)),
            ],
            [Projection(MonitoringProgram.VDMP, January.AddMonths(3), current: 0.004m, atMonthEnd: 0.011m)]);

        var chart = Assert.Single(RatioChartData.Of(merchant, Rulebook)); // ECM has no ratio anywhere: no chart
        Assert.Equal(MonitoringProgram.VDMP, chart.Program);
        Assert.Equal([January, January.AddMonths(1), January.AddMonths(2), January.AddMonths(3)], chart.Points.Select(p => p.Month));
        Assert.Equal([false, false, false, true], chart.Points.Select(p => p.Running));
        Assert.Equal([0.5, 0.95, 1.2, null], Rounded(chart.RatioSeries));
        Assert.Equal([null, null, 1.2, 1.1], Rounded(chart.ProjectionSeries));
        Assert.Equal([null, 0.95, 1.2, null], Rounded(chart.InProgramSeries));

        var entry = Rulebook.VersionFor(MonitoringProgram.VDMP, January)?.EntryTier?.MinRatio;
        Assert.NotNull(entry);
        Assert.All(chart.ThresholdSeries, t => Assert.Equal((double)(entry.Value * 100m), t!.Value, 6));
        Assert.Equal(0.004m, chart.Points[^1].Ratio);
    }

    [Fact]
    public void AProgramNotInForceHasNoThresholdThatMonth()
    {
        // VDMP ended with 2025-03 (VAMP replaced it): a later month has a ratio to show but no threshold.
        var april = new YearMonth(2025, 4);
        var merchant = Snapshot([Closed(april.AddMonths(-1), Result(MonitoringProgram.VDMP, april.AddMonths(-1), 0.002m, 0)), Closed(april, Result(MonitoringProgram.VDMP, april, 0.002m, 0))], []);

        var chart = Assert.Single(RatioChartData.Of(merchant, Rulebook));
        Assert.NotNull(chart.ThresholdSeries[0]);
        Assert.Null(chart.ThresholdSeries[1]);
    }

    [Fact]
    public void ImportedMonthsAreMarkedOnTheChartsPointsAndTheRunningMonthIsNot()
    {
        var merchant = Snapshot(
            [
                Closed(January, Result(MonitoringProgram.VDMP, January, 0.005m, 0)) with { Imported = true },
                Closed(January.AddMonths(1), Result(MonitoringProgram.VDMP, January.AddMonths(1), 0.0095m, 1)),
            ],
            [Projection(MonitoringProgram.VDMP, January.AddMonths(2), current: 0.004m, atMonthEnd: 0.011m)]);

        var chart = Assert.Single(RatioChartData.Of(merchant, Rulebook));
        Assert.Equal([true, false, false], chart.Points.Select(p => p.Imported));
    }

    [Fact]
    public void AFreshReadChangesThePageOnlyWhenWhatItShowsChanged()
    {
        var month = January.AddMonths(3);
        var shown = Snapshot([Closed(January, Result(MonitoringProgram.VDMP, January, 0.005m, 0))], [Projection(MonitoringProgram.VDMP, month, 0.004m, 0.011m)]);

        // The same content in new arrays, and a projection that moved by less than the page shows (0.01 %): no change.
        Assert.False(MerchantChanges.Differ(shown, shown with { History = [.. shown.History], Projection = [.. shown.Projection] }));
        Assert.False(MerchantChanges.Differ(shown, shown with { Projection = [Projection(MonitoringProgram.VDMP, month, 0.004m, 0.011001m)] }));

        Assert.True(MerchantChanges.Differ(null, shown));
        Assert.True(MerchantChanges.Differ(shown, shown with { Projection = [Projection(MonitoringProgram.VDMP, month, 0.004m, 0.0112m)] }));
        Assert.True(MerchantChanges.Differ(shown, shown with { Totals = shown.Totals with { Visa = shown.Totals.Visa with { CardNotPresentSalesCount = 1 } } }));
        Assert.True(MerchantChanges.Differ(shown, shown with { LastClosedMonth = month }));
        Assert.True(MerchantChanges.Differ(shown, shown with { CardTesting = shown.CardTesting with { LockedDown = true } }));

        // A history import with replace: as many closed months and the same last one, but other totals, marks or results.
        var closed = shown.History[0];
        Assert.True(MerchantChanges.Differ(shown, shown with { History = [closed with { Imported = true }] }));
        Assert.True(MerchantChanges.Differ(shown, shown with { History = [closed with { Totals = closed.Totals with { Visa = closed.Totals.Visa with { DisputeCount = 3 } } }] }));
        Assert.True(MerchantChanges.Differ(shown, shown with { History = [closed with { Programs = [Result(MonitoringProgram.VDMP, January, 0.005m, 1)] }] }));
        Assert.False(MerchantChanges.Differ(shown, shown with { History = [closed with { Programs = [Result(MonitoringProgram.VDMP, January, 0.005m, 0)] }] }));
    }

    private static double?[] Rounded(IReadOnlyList<double?> values) => [.. values.Select(v => v is { } d ? Math.Round(d, 6) : (double?)null)];

    private static MerchantSnapshot Snapshot(ImmutableArray<ClosedMonth> history, ImmutableArray<ProgramProjection> projection)
    {
        var month = history.IsEmpty ? January : history[^1].Month.AddMonths(1);
        return new MerchantSnapshot(
            "m-logic",
            new MerchantProfile("m-logic"),
            month,
            MerchantMonthTotals.Empty(month),
            null,
            history.IsEmpty ? null : history[^1].Month,
            MerchantProgramState.New,
            history.IsEmpty ? null : history[^1],
            projection,
            history,
            [],
            new CardTestingStatus(0, TimeSpan.FromMinutes(10), 10, null, false),
            Known: true);
    }

    private static ClosedMonth Closed(YearMonth month, params ProgramMonthResult[] results) =>
        new(month, MerchantMonthTotals.Empty(month), [.. results], DateTimeOffset.UnixEpoch);

    private static ProgramMonthResult Result(MonitoringProgram program, YearMonth month, decimal? ratio, int monthInProgram) => new(
        program,
        CardNetwork.Visa,
        month,
        monthInProgram > 0 ? ProgramStatus.Enforcement : ProgramStatus.NotInProgram,
        ProgramTransition.None,
        monthInProgram > 0 ? "Standard" : null,
        monthInProgram,
        Money.Zero("USD"),
        [],
        Money.Zero("USD"),
        null,
        Reading(ratio),
        []);

    private static ProgramProjection Projection(MonitoringProgram program, YearMonth month, decimal current, decimal atMonthEnd) =>
        new(program, CardNetwork.Visa, month, 0.5m, "Standard", Reading(current), Reading(atMonthEnd), 10, null, WarningLevel.ProjectedOver, []);

    private static MetricReading Reading(decimal? ratio) =>
        new(MetricKind.DisputeCountRatio, 1, Money.Zero("USD"), 100, Money.Zero("USD"), ratio, null);
}
