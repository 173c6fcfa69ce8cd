namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// Seed 003 "ECM/HECM chargeback thresholds": ECM 100 chargebacks &amp; 1.5%, HECM 300 &amp; 3%, both count AND ratio,
/// with the ratio's denominator the PREVIOUS month's Mastercard sales count (DESIGN.md section 4).
/// </summary>
public sealed class EcmThresholdTests
{
    private static readonly YearMonth June2025 = Month.Ym(2025, 6);

    [Theory]
    // ECM 100 & 1.5%
    [InlineData(100, 5_000, ProgramStatus.Enforcement, "ECM")]    // count exactly 100, ratio 2%
    [InlineData(99, 5_000, ProgramStatus.NotInProgram, null)]     // one below on count
    [InlineData(150, 10_000, ProgramStatus.Enforcement, "ECM")]   // ratio exactly 1.5%
    [InlineData(150, 10_001, ProgramStatus.NotInProgram, null)]   // ratio just below 1.5%
    [InlineData(500, 100_000, ProgramStatus.NotInProgram, null)]  // count met, ratio 0.5% not
    [InlineData(99, 1_000, ProgramStatus.NotInProgram, null)]     // ratio 9.9% met, count not
    // HECM 300 & 3%
    [InlineData(300, 5_000, ProgramStatus.Enforcement, "HECM")]   // count exactly 300, ratio 6%
    [InlineData(299, 5_000, ProgramStatus.Enforcement, "ECM")]    // one below on count
    [InlineData(300, 10_000, ProgramStatus.Enforcement, "HECM")]  // both exactly: 300 and 3%
    [InlineData(300, 10_001, ProgramStatus.Enforcement, "ECM")]   // ratio just below 3%
    [InlineData(600, 30_000, ProgramStatus.Enforcement, "ECM")]   // HECM count met, ratio 2% only ECM
    [InlineData(299, 2_000, ProgramStatus.Enforcement, "ECM")]    // ratio 14.95% met, HECM count not
    public void StatusAndTierFollowTheThresholdTable(long chargebacks, long previousMonthSales, ProgramStatus status, string? tier)
    {
        var run = new ProgramRun(previous: Month.Mastercard(June2025.Previous(), previousMonthSales, 0));

        var result = run.Close(Month.Mastercard(June2025, 1, chargebacks), MonitoringProgram.ECM);

        Assert.Equal(status, result.Status);
        Assert.Equal(tier, result.Tier);
        Assert.Equal(chargebacks, result.Metric.Count);
        Assert.Equal(previousMonthSales, result.Metric.DenominatorCount);
        Assert.Equal((decimal)chargebacks / previousMonthSales, result.Metric.Ratio);
    }

    [Fact]
    public void DenominatorIsThePreviousMonthsSales()
    {
        // Same 200 chargebacks: 2% of 10,000 previous-month sales (ECM), 1% of 20,000 (not).
        var over = new ProgramRun(previous: Month.Mastercard(June2025.Previous(), 10_000, 0))
            .Close(Month.Mastercard(June2025, 20_000, 200), MonitoringProgram.ECM);
        var under = new ProgramRun(previous: Month.Mastercard(June2025.Previous(), 20_000, 0))
            .Close(Month.Mastercard(June2025, 10_000, 200), MonitoringProgram.ECM);

        Assert.Equal(ProgramStatus.Enforcement, over.Status);
        Assert.Equal(0.02m, over.Metric.Ratio);
        Assert.Equal(ProgramStatus.NotInProgram, under.Status);
        Assert.Equal(0.01m, under.Metric.Ratio);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10_000)]
    [InlineData(1_000_000)]
    public void ThisMonthsSalesDoNotMatter(long thisMonthSales)
    {
        var run = new ProgramRun(previous: Month.Mastercard(June2025.Previous(), 10_000, 0));

        var result = run.Close(Month.Mastercard(June2025, thisMonthSales, 200), MonitoringProgram.ECM);

        Assert.Equal(ProgramStatus.Enforcement, result.Status);
        Assert.Equal(10_000, result.Metric.DenominatorCount);
        Assert.Equal(0.02m, result.Metric.Ratio);
    }

    [Fact]
    public void PreviousMonthSalesCountBothCardPresentAndNotPresent()
    {
        var previous = Month.Of(June2025.Previous(), mastercard: new NetworkMonthTotals { CardPresentSalesCount = 4_000, CardNotPresentSalesCount = 6_000 });
        var run = new ProgramRun(previous: previous);

        var result = run.Close(Month.Mastercard(June2025, 0, 150), MonitoringProgram.ECM);

        Assert.Equal(10_000, result.Metric.DenominatorCount);
        Assert.Equal(ProgramStatus.Enforcement, result.Status);
    }

    [Fact]
    public void VisaDisputesDoNotCountForEcm()
    {
        var run = new ProgramRun(previous: Month.Of(June2025.Previous(), visa: Month.Counts(10_000, 0), mastercard: Month.Counts(10_000, 0)));

        var result = run.Close(Month.Of(June2025, visa: Month.Counts(10_000, 900), mastercard: Month.Counts(10_000, 10)), MonitoringProgram.ECM);

        Assert.Equal(10, result.Metric.Count);
        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
    }

    [Fact]
    public void ChargebacksAreAllChargebacksNotOnlyCountableOnes()
    {
        // Visa's per-card cap does not apply to Mastercard: ECM reads the full chargeback count.
        var run = new ProgramRun(previous: Month.Mastercard(June2025.Previous(), 10_000, 0));
        var month = Month.Of(June2025, mastercard: new NetworkMonthTotals { DisputeCount = 160, CountableDisputeCount = 90 });

        var result = run.Close(month, MonitoringProgram.ECM);

        Assert.Equal(160, result.Metric.Count);
        Assert.Equal(ProgramStatus.Enforcement, result.Status);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(300)]
    [InlineData(99)]
    [InlineData(0)]
    public void PreviousMonthAbsentIsZeroSalesAndAnUndefinedRatio(long chargebacks)
    {
        // Count and ratio must both be met (seed 003); with no sales last month the ratio is undefined, so no count enters.
        var result = new ProgramRun().Close(Month.Mastercard(June2025, 50_000, chargebacks), MonitoringProgram.ECM);

        Assert.Equal(0, result.Metric.DenominatorCount);
        Assert.Null(result.Metric.Ratio);
        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
        Assert.Null(result.Tier);
        Assert.Contains("ratio undefined: no sales last month", result.Reasons[1], StringComparison.Ordinal);
    }

    [Fact]
    public void PreviousMonthWithZeroSalesIsTheSameAsAbsent()
    {
        var run = new ProgramRun(previous: Month.Empty(June2025.Previous()));

        var result = run.Close(Month.Mastercard(June2025, 50_000, 120), MonitoringProgram.ECM);

        Assert.Null(result.Metric.Ratio);
        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
        Assert.Null(result.Tier);
        Assert.Equal("Below Excessive Chargeback Merchant (ECM) (ratio undefined: no sales last month).", result.Reasons[1]);
    }

    [Fact]
    public void EcmHasNoEarlyWarningTier()
    {
        // 99 chargebacks at 9.9%: just under ECM, and Mastercard has no early-warning tier.
        var run = new ProgramRun(previous: Month.Mastercard(June2025.Previous(), 1_000, 0));

        var result = run.Close(Month.Mastercard(June2025, 1_000, 99), MonitoringProgram.ECM);

        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
        Assert.Contains(result.Reasons, r => r.Contains("count 99 < 100", StringComparison.Ordinal));
    }
}
