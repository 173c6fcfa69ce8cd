namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// DESIGN.md: VDMP and VFMP were retired on 2025-04-01 (VAMP replaces them). They are not evaluated from 2025-04; a
/// merchant still in either program in 2025-03 gets one Exited/Retired result in 2025-04, without a fine.
/// </summary>
public sealed class VisaRetirementTests
{
    private static readonly YearMonth March2025 = Month.Ym(2025, 3);
    private static readonly YearMonth April2025 = Month.Ym(2025, 4);

    [Fact]
    public void VdmpAndVfmpAreEvaluatedThroughMarch2025()
    {
        var outcome = new ProgramRun().Close(Month.Empty(March2025));

        Assert.NotNull(outcome.For(MonitoringProgram.VDMP));
        Assert.NotNull(outcome.For(MonitoringProgram.VFMP));
        Assert.Null(outcome.For(MonitoringProgram.VAMP));
    }

    [Fact]
    public void VdmpAndVfmpAreNotEvaluatedFromApril2025()
    {
        // Far over VDMP and VFMP thresholds, never in either program: no result at all.
        var month = Month.Of(April2025, visa: new NetworkMonthTotals
        {
            CardNotPresentSalesCount = 10_000,
            CardNotPresentSalesAmount = Money.Usd(1_000_000m),
            DisputeCount = 5_000,
            CountableDisputeCount = 5_000,
            FraudReportCount = 100,
            FraudReportAmount = Money.Usd(500_000m),
        });

        var outcome = new ProgramRun().Close(month);

        Assert.Null(outcome.For(MonitoringProgram.VDMP));
        Assert.Null(outcome.For(MonitoringProgram.VFMP));
        Assert.NotNull(outcome.For(MonitoringProgram.VAMP));
    }

    [Fact]
    public void MerchantInVdmpInMarch2025IsRetiredInApril()
    {
        var run = new ProgramRun();
        var inProgram = run.CloseMany(Month.Ym(2024, 10), 6, m => Month.Visa(m, 10_000, 200), MonitoringProgram.VDMP);
        Assert.Equal(6, inProgram[^1].MonthInProgram);
        Assert.Equal(March2025, inProgram[^1].Month);

        var april = run.Close(Month.Visa(April2025, 10_000, 200), MonitoringProgram.VDMP);

        Assert.Equal(ProgramStatus.Exited, april.Status);
        Assert.Equal(ProgramTransition.Retired, april.Transition);
        Assert.Equal(6, april.MonthInProgram);
        Assert.True(april.Fine.IsZero);
        Assert.Empty(april.FineLines);

        // Months 5 and 6 were fined USD 10,000 each; the retirement keeps the history.
        Assert.Equal(Money.Usd(20_000m), april.FinesToDate);
        Assert.Contains(april.Reasons, r => r.Contains("retired", StringComparison.Ordinal));
        Assert.False(run.State.Standing(MonitoringProgram.VDMP).InProgram);

        var may = run.Close(Month.Visa(Month.Ym(2025, 5), 10_000, 200));
        Assert.Null(may.For(MonitoringProgram.VDMP));
    }

    [Fact]
    public void MerchantInTheVdmpExitWindowIsRetiredToo()
    {
        var run = new ProgramRun();
        run.Close(Month.Visa(March2025.Previous(), 10_000, 200), MonitoringProgram.VDMP);
        var below = run.Close(Month.Visa(March2025, 10_000, 0), MonitoringProgram.VDMP);
        Assert.Equal(ProgramStatus.ExitWindow, below.Status);

        var april = run.Close(Month.Empty(April2025), MonitoringProgram.VDMP);

        Assert.Equal(ProgramTransition.Retired, april.Transition);
    }

    [Fact]
    public void MerchantInVfmpInMarch2025IsRetiredInApril()
    {
        var run = new ProgramRun();
        run.Close(Month.VisaFraud(March2025, 10_000_000m, 300_000m), MonitoringProgram.VFMP);

        var april = run.Close(Month.VisaFraud(April2025, 10_000_000m, 300_000m), MonitoringProgram.VFMP);

        Assert.Equal(ProgramStatus.Exited, april.Status);
        Assert.Equal(ProgramTransition.Retired, april.Transition);
        Assert.True(april.Fine.IsZero);
        Assert.Equal(Money.Usd(10_000m), april.FinesToDate);
    }

    [Fact]
    public void MerchantThatAlreadyExitedVdmpGetsNoRetirementResult()
    {
        var run = new ProgramRun();
        run.CloseMany(Month.Ym(2024, 11), 1, m => Month.Visa(m, 10_000, 200), MonitoringProgram.VDMP);
        var exit = run.CloseMany(Month.Ym(2024, 12), 3, m => Month.Visa(m, 10_000, 0), MonitoringProgram.VDMP);
        Assert.Equal(ProgramStatus.Exited, exit[^1].Status);
        Assert.Equal(Month.Ym(2025, 2), exit[^1].Month);
        run.Close(Month.Empty(March2025));

        var april = run.Close(Month.Empty(April2025));

        Assert.Null(april.For(MonitoringProgram.VDMP));
    }
}
