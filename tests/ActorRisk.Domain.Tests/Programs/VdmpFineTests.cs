namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// Seed 003 "VDMP fine table": Standard 1-4 N/A, 5-9 $50 per dispute, 10-12 $50 per dispute &amp; $25,000/month reserve
/// fee; High Brand Risk / Excessive 1-6 $50 per dispute, 7-12 $50 per dispute &amp; $25,000. Each row is checked by
/// driving a merchant through N consecutive identified months (amounts in USD cents).
/// </summary>
public sealed class VdmpFineTests
{
    private static readonly YearMonth FirstMonth = Month.Ym(2023, 1);

    // Standard: 200 disputes / 10,000 sales = 2.00% (count under Excessive's 1,000).
    private const long StandardDisputes = 200;

    // Excessive: 1,200 disputes / 50,000 sales = 2.40%.
    private const long ExcessiveDisputes = 1_200;

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(2, 0, 0)]
    [InlineData(3, 0, 0)]
    [InlineData(4, 0, 0)]
    [InlineData(5, 50, 0)]
    [InlineData(6, 50, 0)]
    [InlineData(7, 50, 0)]
    [InlineData(8, 50, 0)]
    [InlineData(9, 50, 0)]
    [InlineData(10, 50, 25_000)]
    [InlineData(11, 50, 25_000)]
    [InlineData(12, 50, 25_000)]
    [InlineData(13, 50, 25_000)] // past the table: the last band continues
    public void StandardScheduleByMonthInProgram(int monthInProgram, long usdPerDispute, long reserveUsd)
    {
        var result = Drive(monthInProgram, m => Month.Visa(m, 10_000, StandardDisputes));

        Assert.Equal(ProgramStatus.Enforcement, result.Status);
        Assert.Equal("Standard", result.Tier);
        Assert.Equal(monthInProgram, result.MonthInProgram);
        Assert.Equal(new Money((StandardDisputes * usdPerDispute * 100) + (reserveUsd * 100), "USD"), result.Fine);
        Assert.Equal((usdPerDispute > 0 ? 1 : 0) + (reserveUsd > 0 ? 1 : 0), result.FineLines.Length);
    }

    [Theory]
    [InlineData(1, 50, 0)]
    [InlineData(2, 50, 0)]
    [InlineData(3, 50, 0)]
    [InlineData(4, 50, 0)]
    [InlineData(5, 50, 0)]
    [InlineData(6, 50, 0)]
    [InlineData(7, 50, 25_000)]
    [InlineData(8, 50, 25_000)]
    [InlineData(9, 50, 25_000)]
    [InlineData(10, 50, 25_000)]
    [InlineData(11, 50, 25_000)]
    [InlineData(12, 50, 25_000)]
    [InlineData(13, 50, 25_000)]
    public void ExcessiveScheduleByMonthInProgram(int monthInProgram, long usdPerDispute, long reserveUsd)
    {
        var result = Drive(monthInProgram, m => Month.Visa(m, 50_000, ExcessiveDisputes));

        Assert.Equal(ProgramStatus.Enforcement, result.Status);
        Assert.Equal("Excessive", result.Tier);
        Assert.Equal(monthInProgram, result.MonthInProgram);
        Assert.Equal(new Money((ExcessiveDisputes * usdPerDispute * 100) + (reserveUsd * 100), "USD"), result.Fine);
    }

    [Fact]
    public void StandardMonthFiveIsFiftyDollarsPerDispute()
    {
        // Hand check of one row: 200 disputes x USD 50 = USD 10,000.
        var result = Drive(5, m => Month.Visa(m, 10_000, StandardDisputes));

        Assert.Equal(Money.Usd(10_000m), result.Fine);
        Assert.Equal(1_000_000, result.Fine.Amount);
        var line = Assert.Single(result.FineLines);
        Assert.Equal(Money.Usd(10_000m), line.Amount);
        Assert.Contains("200", line.Label, StringComparison.Ordinal);
    }

    [Fact]
    public void StandardMonthTenAddsTheReserveFeeAsItsOwnLine()
    {
        var result = Drive(10, m => Month.Visa(m, 10_000, StandardDisputes));

        Assert.Equal(Money.Usd(35_000m), result.Fine);
        Assert.Equal([Money.Usd(10_000m), Money.Usd(25_000m)], result.FineLines.Select(l => l.Amount));
    }

    [Fact]
    public void PerDisputeFineUsesThatMonthsDisputeCount()
    {
        var run = new ProgramRun();
        for (var i = 0; i < 4; i++)
        {
            run.Close(Month.Visa(FirstMonth.AddMonths(i), 10_000, StandardDisputes), MonitoringProgram.VDMP);
        }

        var monthFive = run.Close(Month.Visa(FirstMonth.AddMonths(4), 10_000, 321), MonitoringProgram.VDMP);

        Assert.Equal(5, monthFive.MonthInProgram);
        Assert.Equal(Money.Usd(321 * 50m), monthFive.Fine);
    }

    [Theory]
    [InlineData(12, false)]
    [InlineData(13, true)]
    [InlineData(14, true)]
    public void PastMonthTwelveAddsADisqualificationReason(int monthInProgram, bool disqualification)
    {
        var result = Drive(monthInProgram, m => Month.Visa(m, 10_000, StandardDisputes));

        Assert.Equal(disqualification, result.Reasons.Any(r => r.Contains("disqualify", StringComparison.Ordinal)));
    }

    [Fact]
    public void MonthsOneToFourExplainWhenFinesStart()
    {
        var result = Drive(2, m => Month.Visa(m, 10_000, StandardDisputes));

        Assert.True(result.Fine.IsZero);
        Assert.Empty(result.FineLines);
        Assert.Contains(result.Reasons, r => r.Contains("fines start in month 5", StringComparison.Ordinal));
    }

    private static ProgramMonthResult Drive(int months, Func<YearMonth, MerchantMonthTotals> build) =>
        new ProgramRun().CloseMany(FirstMonth, months, build, MonitoringProgram.VDMP)[^1];
}
