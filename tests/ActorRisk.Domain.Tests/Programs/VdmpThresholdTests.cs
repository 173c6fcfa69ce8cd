namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// Seed 003 "VDMP thresholds" (Standard 100 disputes &amp; 0.90%, Excessive 1,000 &amp; 1.80%) and DESIGN.md's
/// early warning (75 &amp; 0.65%): disputes this month / sales count this month, count AND ratio, a value exactly at a
/// threshold meets it.
/// </summary>
public sealed class VdmpThresholdTests
{
    private static readonly YearMonth March2024 = Month.Ym(2024, 3);

    [Theory]
    // Standard 100 & 0.90%
    [InlineData(100, 10_000, ProgramStatus.Enforcement, "Standard")]      // count exactly 100, ratio 1.00%
    [InlineData(99, 10_000, ProgramStatus.EarlyWarning, "EarlyWarning")] // one below on count
    [InlineData(180, 20_000, ProgramStatus.Enforcement, "Standard")]      // ratio exactly 0.90%
    [InlineData(180, 20_001, ProgramStatus.EarlyWarning, "EarlyWarning")] // one sale more: ratio just below 0.90%
    [InlineData(500, 1_000_000, ProgramStatus.NotInProgram, null)]        // count met, ratio 0.05% not
    [InlineData(99, 1_000, ProgramStatus.EarlyWarning, "EarlyWarning")]  // ratio 9.9% met, count not (early warning only)
    // Excessive 1,000 & 1.80%
    [InlineData(1_000, 50_000, ProgramStatus.Enforcement, "Excessive")]   // count exactly 1,000, ratio 2.00%
    [InlineData(999, 50_000, ProgramStatus.Enforcement, "Standard")]      // one below on count
    [InlineData(1_800, 100_000, ProgramStatus.Enforcement, "Excessive")]  // ratio exactly 1.80%
    [InlineData(1_800, 100_001, ProgramStatus.Enforcement, "Standard")]   // ratio just below 1.80%
    [InlineData(5_000, 1_000_000, ProgramStatus.NotInProgram, null)]      // count met, ratio 0.50% below even early warning
    [InlineData(999, 10_000, ProgramStatus.Enforcement, "Standard")]      // ratio 9.99% met, count not
    // Early warning 75 & 0.65%
    [InlineData(75, 10_000, ProgramStatus.EarlyWarning, "EarlyWarning")]  // count exactly 75, ratio 0.75%
    [InlineData(74, 10_000, ProgramStatus.NotInProgram, null)]            // one below on count
    [InlineData(130, 20_000, ProgramStatus.EarlyWarning, "EarlyWarning")] // ratio exactly 0.65%
    [InlineData(130, 20_001, ProgramStatus.NotInProgram, null)]           // ratio just below 0.65%
    [InlineData(90, 100_000, ProgramStatus.NotInProgram, null)]           // count met, ratio 0.09% not
    [InlineData(74, 1_000, ProgramStatus.NotInProgram, null)]             // ratio 7.4% met, count not
    public void StatusAndTierFollowTheThresholdTable(long disputes, long sales, ProgramStatus status, string? tier)
    {
        var result = new ProgramRun().Close(Month.Visa(March2024, sales, disputes), MonitoringProgram.VDMP);

        Assert.Equal(status, result.Status);
        Assert.Equal(tier, result.Tier);
        Assert.Equal(disputes, result.Metric.Count);
        Assert.Equal(sales, result.Metric.DenominatorCount);
        Assert.Equal((decimal)disputes / sales, result.Metric.Ratio);
    }

    [Fact]
    public void SalesCountIsCardPresentPlusCardNotPresent()
    {
        // 100 disputes over 6,000 card-present + 6,000 card-not-present = 12,000 sales: 0.8333% < 0.90%.
        var month = Month.Of(March2024, visa: new NetworkMonthTotals
        {
            CardPresentSalesCount = 6_000,
            CardNotPresentSalesCount = 6_000,
            DisputeCount = 100,
            CountableDisputeCount = 100,
        });

        var result = new ProgramRun().Close(month, MonitoringProgram.VDMP);

        Assert.Equal(12_000, result.Metric.DenominatorCount);
        Assert.Equal(ProgramStatus.EarlyWarning, result.Status);
    }

    [Fact]
    public void OnlyCountableDisputesCountTowardsTheThreshold()
    {
        // 120 disputes received, of which 99 count (Visa's first 10 per card): below Standard's 100.
        var month = Month.Of(March2024, visa: new NetworkMonthTotals
        {
            CardNotPresentSalesCount = 5_000,
            DisputeCount = 120,
            CountableDisputeCount = 99,
        });

        var result = new ProgramRun().Close(month, MonitoringProgram.VDMP);

        Assert.Equal(99, result.Metric.Count);
        Assert.Equal(ProgramStatus.EarlyWarning, result.Status);
    }

    [Fact]
    public void MastercardDisputesDoNotCountForVdmp()
    {
        var month = Month.Of(March2024, visa: Month.Counts(10_000, 0), mastercard: Month.Counts(10_000, 500));

        var result = new ProgramRun().Close(month, MonitoringProgram.VDMP);

        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
        Assert.Equal(0, result.Metric.Count);
    }

    [Theory]
    [InlineData(99)]      // over the early-warning count (75)
    [InlineData(100)]     // Standard's count
    [InlineData(1_000)]   // Excessive's count
    public void ZeroSalesWithDisputesIsNeitherIdentifiedNorWarned(long disputes)
    {
        // Both thresholds must be met (seed 003); with no sales the ratio is undefined, so the count alone decides nothing.
        var result = new ProgramRun().Close(Month.Visa(March2024, 0, disputes), MonitoringProgram.VDMP);

        Assert.Null(result.Metric.Ratio);
        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
        Assert.Null(result.Tier);
        Assert.Equal(0, result.MonthInProgram);
        Assert.EndsWith("ratio undefined: no sales this month).", result.Reasons[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroSalesAndZeroDisputesIsNotInProgram()
    {
        var result = new ProgramRun().Close(Month.Empty(March2024), MonitoringProgram.VDMP);

        Assert.Null(result.Metric.Ratio);
        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
        Assert.Null(result.Tier);
        Assert.Equal(0, result.MonthInProgram);
        Assert.True(result.Fine.IsZero);
    }

    [Fact]
    public void EarlyWarningHasNoTimelineAndNoFine()
    {
        var run = new ProgramRun();
        var first = run.Close(Month.Visa(March2024, 10_000, 80), MonitoringProgram.VDMP);
        var second = run.Close(Month.Visa(March2024.Next(), 10_000, 80), MonitoringProgram.VDMP);

        Assert.All([first, second], r =>
        {
            Assert.Equal(ProgramStatus.EarlyWarning, r.Status);
            Assert.Equal(0, r.MonthInProgram);
            Assert.True(r.Fine.IsZero);
            Assert.Contains(r.Reasons, line => line.StartsWith("Early warning", StringComparison.Ordinal));
        });
        Assert.False(run.State.Standing(MonitoringProgram.VDMP).InProgram);
    }
}
