namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// Mastercard's exit rule counts months with the chargeback ratio below 1.5%. A month under 100 chargebacks but
/// still at 1.5% or more is not identified (no fine, timeline paused) and does not count toward exit.
/// </summary>
public sealed class EcmExitTests
{
    private static readonly YearMonth Start = new(2025, 1);

    // Every month has 10,000 sales, so the next month's ratio is chargebacks / 10,000.
    private static MerchantMonthTotals Chargebacks(YearMonth month, long chargebacks) => Month.Mastercard(month, 10_000, chargebacks);

    [Fact]
    public void ExitsAfterExactlyThreeMonthsBelowTheRatio()
    {
        var run = new ProgramRun(previous: Chargebacks(Start.Previous(), 0));
        var results = new[] { 200L, 200, 95, 50, 50, 50 }
            .Select((chargebacks, i) => run.Close(Chargebacks(Start.AddMonths(i), chargebacks), MonitoringProgram.ECM))
            .ToList();

        // 95 / 10,000 = 0.95% and 50 / 10,000 = 0.50%: both under 1.5%, so three months below end the program.
        Assert.Equal(
            [ProgramStatus.Enforcement, ProgramStatus.Enforcement, ProgramStatus.ExitWindow, ProgramStatus.ExitWindow, ProgramStatus.Exited, ProgramStatus.NotInProgram],
            results.Select(r => r.Status));
        Assert.Equal([3, 3, 2, 1, 0, -1], results.Select(r => r.MonthsBelowToExit ?? -1));
    }

    [Fact]
    public void RatioStillOverBreaksTheRunOfMonthsBelow()
    {
        // Previous-month sales of 5,000 make 95 chargebacks 1.9%: under 100, over 1.5%.
        var run = new ProgramRun(previous: Month.Mastercard(Start.Previous(), 5_000, 0));
        var plan = new (long Sales, long Chargebacks)[] { (5_000, 200), (5_000, 200), (5_000, 40), (5_000, 95), (5_000, 40), (5_000, 40), (5_000, 40) };
        var results = plan
            .Select((p, i) => run.Close(Month.Mastercard(Start.AddMonths(i), p.Sales, p.Chargebacks), MonitoringProgram.ECM))
            .ToList();

        Assert.Equal(
            [ProgramStatus.Enforcement, ProgramStatus.Enforcement, ProgramStatus.ExitWindow, ProgramStatus.ExitWindow,
             ProgramStatus.ExitWindow, ProgramStatus.ExitWindow, ProgramStatus.Exited],
            results.Select(r => r.Status));

        // Month 4 (95 at 1.9%) resets the run: 3 months below are needed again from month 5.
        Assert.Equal([3, 3, 2, 3, 2, 1, 0], results.Select(r => r.MonthsBelowToExit ?? -1));
        Assert.Equal([1, 2, 2, 2, 2, 2, 2], results.Select(r => r.MonthInProgram));
        Assert.Contains(results[3].Reasons, line => line.Contains("does not count toward exit", StringComparison.Ordinal));
        Assert.All(results.Skip(2), r => Assert.True(r.Fine.IsZero));
    }

    [Fact]
    public void OverAgainAfterARatioOnlyMonthResumesTheTimeline()
    {
        var run = new ProgramRun(previous: Month.Mastercard(Start.Previous(), 5_000, 0));
        var plan = new long[] { 200, 95, 200 };
        var results = plan.Select((cb, i) => run.Close(Month.Mastercard(Start.AddMonths(i), 5_000, cb), MonitoringProgram.ECM)).ToList();

        Assert.Equal(ProgramTransition.Resumed, results[2].Transition);
        Assert.Equal(2, results[2].MonthInProgram);
        Assert.Equal(Money.Usd(1_000m), results[2].Fine);
    }

    [Fact]
    public void VisaExitCountsEveryMonthNotIdentified()
    {
        // VDMP: 95 disputes at 1.9% is below the Standard thresholds (count short) and counts toward exit.
        var run = new ProgramRun();
        var visaStart = new YearMonth(2024, 1);
        var plan = new long[] { 200, 95, 95, 95 };
        var results = plan.Select((d, i) => run.Close(Month.Visa(visaStart.AddMonths(i), 5_000, d), MonitoringProgram.VDMP)).ToList();

        Assert.Equal([ProgramStatus.Enforcement, ProgramStatus.ExitWindow, ProgramStatus.ExitWindow, ProgramStatus.Exited], results.Select(r => r.Status));
    }

    [Fact]
    public void ClosingWithoutThePreviousMonthAfterTheFirstCloseIsRefused()
    {
        var run = new ProgramRun(previous: Chargebacks(Start.Previous(), 0));
        run.Close(Chargebacks(Start, 10));

        var error = Assert.Throws<ArgumentException>(() => run.Evaluator.Close(run.Profile, Chargebacks(Start.Next(), 10), null, run.State));
        Assert.Equal("previousMonth", error.ParamName);
    }
}
