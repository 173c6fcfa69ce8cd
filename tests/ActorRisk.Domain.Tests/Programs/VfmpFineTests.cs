namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// Seed 003 "VFMP fine table": Standard 1-4 N/A, 5-6 $25,000, 7-9 $50,000, 10-12 $75,000; Excessive 1-3 $10,000,
/// 4-6 $25,000, 7-9 $50,000, 10-12 $75,000; exit after 3 months below Standard (DESIGN.md).
/// </summary>
public sealed class VfmpFineTests
{
    private static readonly YearMonth FirstMonth = Month.Ym(2023, 1);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 25_000)]
    [InlineData(6, 25_000)]
    [InlineData(7, 50_000)]
    [InlineData(8, 50_000)]
    [InlineData(9, 50_000)]
    [InlineData(10, 75_000)]
    [InlineData(11, 75_000)]
    [InlineData(12, 75_000)]
    [InlineData(13, 75_000)]
    public void StandardFineByMonthInProgram(int monthInProgram, long fineUsd)
    {
        // $100,000 fraud / $5,000,000 sales = 2.00%, under Excessive's $250,000.
        var result = Drive(monthInProgram, m => Month.VisaFraud(m, 5_000_000m, 100_000m));

        Assert.Equal("Standard", result.Tier);
        Assert.Equal(monthInProgram, result.MonthInProgram);
        Assert.Equal(new Money(fineUsd * 100, "USD"), result.Fine);
    }

    [Theory]
    [InlineData(1, 10_000)]
    [InlineData(2, 10_000)]
    [InlineData(3, 10_000)]
    [InlineData(4, 25_000)]
    [InlineData(5, 25_000)]
    [InlineData(6, 25_000)]
    [InlineData(7, 50_000)]
    [InlineData(8, 50_000)]
    [InlineData(9, 50_000)]
    [InlineData(10, 75_000)]
    [InlineData(11, 75_000)]
    [InlineData(12, 75_000)]
    [InlineData(13, 75_000)]
    public void ExcessiveFineByMonthInProgram(int monthInProgram, long fineUsd)
    {
        // $300,000 fraud / $10,000,000 sales = 3.00%.
        var result = Drive(monthInProgram, m => Month.VisaFraud(m, 10_000_000m, 300_000m));

        Assert.Equal("Excessive", result.Tier);
        Assert.Equal(monthInProgram, result.MonthInProgram);
        Assert.Equal(new Money(fineUsd * 100, "USD"), result.Fine);
    }

    [Fact]
    public void ExitsAfterThreeMonthsBelowStandard()
    {
        var run = new ProgramRun();
        run.Close(Month.VisaFraud(FirstMonth, 5_000_000m, 100_000m), MonitoringProgram.VFMP);
        var below = run.CloseMany(FirstMonth.Next(), 3, m => Month.VisaFraud(m, 5_000_000m, 60_000m), MonitoringProgram.VFMP);

        Assert.Equal([ProgramStatus.ExitWindow, ProgramStatus.ExitWindow, ProgramStatus.Exited], below.Select(r => r.Status));
        Assert.Equal([2, 1, 0], below.Select(r => r.MonthsBelowToExit));
    }

    private static ProgramMonthResult Drive(int months, Func<YearMonth, MerchantMonthTotals> build) =>
        new ProgramRun().CloseMany(FirstMonth, months, build, MonitoringProgram.VFMP)[^1];
}
