namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// Seed 003 "VFMP thresholds" (Standard $75,000 &amp; 0.90%, Excessive $250,000 &amp; 1.80%) and DESIGN.md's early warning
/// ($50,000 &amp; 0.65%). Ratio: fraud amount (USD) / sales amount (USD), same month.
/// </summary>
public sealed class VfmpThresholdTests
{
    private static readonly YearMonth FirstMonth = Month.Ym(2023, 1);

    [Theory]
    // Standard $75,000 & 0.90%
    [InlineData("75000", "5000000", ProgramStatus.Enforcement, "Standard")]        // amount exactly $75,000, ratio 1.50%
    [InlineData("74999.99", "5000000", ProgramStatus.EarlyWarning, "EarlyWarning")] // one cent below
    [InlineData("90000", "10000000", ProgramStatus.Enforcement, "Standard")]       // ratio exactly 0.90%
    [InlineData("90000", "10000000.01", ProgramStatus.EarlyWarning, "EarlyWarning")] // ratio just below 0.90%
    [InlineData("100000", "100000000", ProgramStatus.NotInProgram, null)]          // amount met, ratio 0.10% not
    [InlineData("70000", "1000000", ProgramStatus.EarlyWarning, "EarlyWarning")]   // ratio 7% met, amount not
    // Excessive $250,000 & 1.80%
    [InlineData("250000", "10000000", ProgramStatus.Enforcement, "Excessive")]     // amount exactly, ratio 2.50%
    [InlineData("249999.99", "10000000", ProgramStatus.Enforcement, "Standard")]   // one cent below
    [InlineData("360000", "20000000", ProgramStatus.Enforcement, "Excessive")]     // ratio exactly 1.80%
    [InlineData("360000", "20000000.01", ProgramStatus.Enforcement, "Standard")]   // ratio just below 1.80%
    [InlineData("300000", "30000000", ProgramStatus.Enforcement, "Standard")]      // amount met, ratio 1.00% only Standard
    [InlineData("200000", "2000000", ProgramStatus.Enforcement, "Standard")]       // ratio 10% met, amount not
    // Early warning $50,000 & 0.65%
    [InlineData("50000", "5000000", ProgramStatus.EarlyWarning, "EarlyWarning")]   // amount exactly $50,000, ratio 1.00%
    [InlineData("49999.99", "5000000", ProgramStatus.NotInProgram, null)]          // one cent below
    [InlineData("65000", "10000000", ProgramStatus.EarlyWarning, "EarlyWarning")]  // ratio exactly 0.65%
    [InlineData("65000", "10000000.01", ProgramStatus.NotInProgram, null)]         // ratio just below 0.65%
    [InlineData("60000", "10000000", ProgramStatus.NotInProgram, null)]            // amount met, ratio 0.60% not
    [InlineData("40000", "1000000", ProgramStatus.NotInProgram, null)]             // ratio 4% met, amount not
    public void StatusAndTierFollowTheThresholdTable(string fraudUsd, string salesUsd, ProgramStatus status, string? tier)
    {
        var fraud = decimal.Parse(fraudUsd, System.Globalization.CultureInfo.InvariantCulture);
        var sales = decimal.Parse(salesUsd, System.Globalization.CultureInfo.InvariantCulture);

        var result = new ProgramRun().Close(Month.VisaFraud(FirstMonth, sales, fraud), MonitoringProgram.VFMP);

        Assert.Equal(status, result.Status);
        Assert.Equal(tier, result.Tier);
        Assert.Equal(Money.Usd(fraud), result.Metric.Amount);
        Assert.Equal(Money.Usd(sales), result.Metric.DenominatorAmount);
    }

    [Fact]
    public void FraudReportCountDoesNotMatterOnlyTheAmount()
    {
        var one = new ProgramRun().Close(Month.VisaFraud(FirstMonth, 5_000_000m, 80_000m, fraudReports: 1), MonitoringProgram.VFMP);
        var many = new ProgramRun().Close(Month.VisaFraud(FirstMonth, 5_000_000m, 80_000m, fraudReports: 5_000), MonitoringProgram.VFMP);

        Assert.Equal(ProgramStatus.Enforcement, one.Status);
        Assert.Equal(ProgramStatus.Enforcement, many.Status);
        Assert.Equal("Standard", one.Tier);
        Assert.Equal("Standard", many.Tier);
    }
}
