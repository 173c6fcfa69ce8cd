namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// DESIGN.md "Visa VAMP": effective-dated versions (measure only 2025-04/05; thresholds from 2025-06 without fees;
/// 2.2% with a count minimum and USD 8 per item from 2025-10; 1.5% from 2026-04); ratio (TC40 + TC15, less CE 3.0 and
/// RDR) / card-not-present sales, same month.
/// </summary>
public sealed class VampTests
{
    [Theory]
    [InlineData(2025, 4)]
    [InlineData(2025, 5)]
    public void AprilAndMay2025MeasureOnly(int year, int month)
    {
        // 5,000 items / 10,000 CNP sales = 50%: far over every threshold, still not in the program.
        var result = new ProgramRun().Close(Month.Vamp(Month.Ym(year, month), 10_000, 2_500, 2_500), MonitoringProgram.VAMP);

        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
        Assert.Null(result.Tier);
        Assert.True(result.Fine.IsZero);
        Assert.Equal(5_000, result.Metric.Count);
        Assert.Equal(0.5m, result.Metric.Ratio);
        Assert.Contains(result.Reasons, r => r.Contains("merchant thresholds apply from 2025-06", StringComparison.Ordinal));
    }

    [Fact]
    public void NoVampBeforeApril2025()
    {
        var outcome = new ProgramRun().Close(Month.Vamp(Month.Ym(2025, 3), 10_000, 2_500, 2_500));

        Assert.Null(outcome.For(MonitoringProgram.VAMP));
        Assert.Null(outcome.For(MonitoringProgram.VAMPEnumeration));
    }

    [Theory]
    [InlineData(2025, 6)]
    [InlineData(2025, 7)]
    [InlineData(2025, 8)]
    [InlineData(2025, 9)]
    public void JuneToSeptember2025IdentifiedWithoutFee(int year, int month)
    {
        var result = new ProgramRun().Close(Month.Vamp(Month.Ym(year, month), 50_000, 1_000, 1_000), MonitoringProgram.VAMP);

        Assert.Equal(ProgramStatus.Enforcement, result.Status);
        Assert.Equal("Excessive", result.Tier);
        Assert.True(result.Fine.IsZero);
        Assert.Equal("USD", result.Fine.Currency);
        Assert.Empty(result.FineLines);
        Assert.Contains(result.Reasons, r => r.Contains("merchant fees start in 2025-10", StringComparison.Ordinal));
    }

    [Fact]
    public void GraceMonthsAccumulateNoFinesAcrossTheSummer()
    {
        var results = new ProgramRun().CloseMany(Month.Ym(2025, 6), 5, m => Month.Vamp(m, 50_000, 1_000, 1_000), MonitoringProgram.VAMP);

        Assert.Equal([1, 2, 3, 4, 5], results.Select(r => r.MonthInProgram));
        Assert.Equal([0m, 0m, 0m, 0m, 16_000m], results.Select(r => r.Fine.ToMajor()));
        Assert.Equal(Money.Usd(16_000m), results[^1].FinesToDate);
    }

    [Theory]
    // Thresholds 2.2% and 1,500 items, in force 2025-06 .. 2026-03 (checked in 2025-06 and 2026-03).
    [InlineData(2025, 6, 1_500, 50_000, true)]   // count exactly 1,500, ratio 3%
    [InlineData(2025, 6, 1_499, 50_000, false)]  // one below on count
    [InlineData(2025, 6, 2_200, 100_000, true)]  // ratio exactly 2.2%
    [InlineData(2025, 6, 2_200, 100_001, false)] // ratio just below 2.2%
    [InlineData(2026, 3, 1_500, 50_000, true)]
    [InlineData(2026, 3, 1_499, 50_000, false)]
    [InlineData(2026, 3, 2_200, 100_000, true)]
    [InlineData(2026, 3, 2_200, 100_001, false)]
    [InlineData(2026, 3, 2_000, 100_000, false)] // 2.0%: under 2.2% until 2026-03
    // From 2026-04: 1.5% and 1,500 items.
    [InlineData(2026, 4, 2_000, 100_000, true)]  // 2.0% now over
    [InlineData(2026, 4, 1_500, 100_000, true)]  // ratio exactly 1.5%, count exactly 1,500
    [InlineData(2026, 4, 1_500, 100_001, false)] // ratio just below 1.5%
    [InlineData(2026, 4, 1_499, 50_000, false)]  // one below on count
    [InlineData(2027, 12, 1_500, 100_000, true)] // still in force
    public void ThresholdByEffectiveDate(int year, int month, long items, long cardNotPresentSales, bool identified)
    {
        // Items split between TC40 fraud reports and TC15 disputes.
        var fraud = items / 2;
        var result = new ProgramRun().Close(Month.Vamp(Month.Ym(year, month), cardNotPresentSales, fraud, items - fraud), MonitoringProgram.VAMP);

        Assert.Equal(items, result.Metric.Count);
        Assert.Equal(identified ? ProgramStatus.Enforcement : ProgramStatus.NotInProgram, result.Status);
    }

    [Theory]
    [InlineData(2025, 10, 1_500, 12_000)]
    [InlineData(2026, 3, 2_000, 16_000)]
    [InlineData(2026, 4, 3_000, 24_000)]
    [InlineData(2026, 12, 1_600, 12_800)]
    public void FeeIsEightDollarsPerFraudReportOrDisputeFromOctober2025(int year, int month, long items, long feeUsd)
    {
        var fraud = items / 2;
        var result = new ProgramRun().Close(Month.Vamp(Month.Ym(year, month), 50_000, fraud, items - fraud), MonitoringProgram.VAMP);

        Assert.Equal(ProgramStatus.Enforcement, result.Status);
        Assert.Equal(Money.Usd(feeUsd), result.Fine);
        var line = Assert.Single(result.FineLines);
        Assert.Equal(Money.Usd(feeUsd), line.Amount);
    }

    [Fact]
    public void FraudThatIsAlsoDisputedCountsTwice()
    {
        // 800 transactions reported as fraud (TC40) and disputed (TC15): 1,600 items, over the 1,500 minimum.
        var result = new ProgramRun().Close(Month.Vamp(Month.Ym(2025, 10), 50_000, 800, 800), MonitoringProgram.VAMP);

        Assert.Equal(1_600, result.Metric.Count);
        Assert.Equal(ProgramStatus.Enforcement, result.Status);
        Assert.Equal(Money.Usd(1_600 * 8m), result.Fine);
    }

    [Fact]
    public void FraudAndDisputeOfTheSameTransactionThroughTheLedgerCountTwice()
    {
        var ledger = MerchantMonthLedger.Open(Month.Ym(2025, 10), 10)
            .AddSales(CardNetwork.Visa, 10, Money.Usd(500m), cardPresent: false, ExchangeRateTable.UsdOnly)
            .AddFraudReport(CardNetwork.Visa, Money.Usd(50m), ExchangeRateTable.UsdOnly)
            .AddDispute(CardNetwork.Visa, Money.Usd(50m), fraud: true, "card-1", ExchangeRateTable.UsdOnly);

        var result = new ProgramRun().Close(ledger.Totals, MonitoringProgram.VAMP);

        Assert.Equal(2, result.Metric.Count);
        Assert.Equal(0.2m, result.Metric.Ratio);
    }

    [Fact]
    public void RdrResolvedDisputesAreExcluded()
    {
        // 1,000 TC40 + 1,000 TC15 of which 600 resolved through RDR: 1,400 items, under the 1,500 minimum.
        var result = new ProgramRun().Close(Month.Vamp(Month.Ym(2025, 10), 50_000, 1_000, 1_000, rdrResolved: 600), MonitoringProgram.VAMP);
        var withoutRdr = new ProgramRun().Close(Month.Vamp(Month.Ym(2025, 10), 50_000, 1_000, 1_000), MonitoringProgram.VAMP);

        Assert.Equal(1_400, result.Metric.Count);
        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
        Assert.Equal(2_000, withoutRdr.Metric.Count);
        Assert.Equal(ProgramStatus.Enforcement, withoutRdr.Status);
    }

    [Fact]
    public void CompellingEvidenceFraudReportsAreExcluded()
    {
        var result = new ProgramRun().Close(Month.Vamp(Month.Ym(2025, 10), 50_000, 1_000, 1_000, compellingEvidence: 501), MonitoringProgram.VAMP);

        Assert.Equal(1_499, result.Metric.Count);
        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
    }

    [Fact]
    public void ExcludedItemsAreNotCharged()
    {
        var result = new ProgramRun().Close(
            Month.Vamp(Month.Ym(2025, 10), 50_000, 1_200, 1_200, compellingEvidence: 100, rdrResolved: 200),
            MonitoringProgram.VAMP);

        Assert.Equal(2_100, result.Metric.Count);
        Assert.Equal(Money.Usd(2_100 * 8m), result.Fine);
    }

    [Fact]
    public void DenominatorIsCardNotPresentSalesOnly()
    {
        // 1,600 items / 50,000 CNP sales = 3.2% although card-present sales would dilute it to 0.15%.
        var withCardPresent = new ProgramRun().Close(Month.Vamp(Month.Ym(2025, 10), 50_000, 800, 800, cardPresentSales: 1_000_000), MonitoringProgram.VAMP);
        var moreCardNotPresent = new ProgramRun().Close(Month.Vamp(Month.Ym(2025, 10), 100_000, 800, 800), MonitoringProgram.VAMP);

        Assert.Equal(50_000, withCardPresent.Metric.DenominatorCount);
        Assert.Equal(0.032m, withCardPresent.Metric.Ratio);
        Assert.Equal(ProgramStatus.Enforcement, withCardPresent.Status);
        Assert.Equal(0.016m, moreCardNotPresent.Metric.Ratio);
        Assert.Equal(ProgramStatus.NotInProgram, moreCardNotPresent.Status);
    }

    [Fact]
    public void MastercardItemsDoNotCount()
    {
        var month = Month.Of(Month.Ym(2025, 10), visa: Month.Counts(50_000, 0), mastercard: Month.Counts(50_000, 5_000));

        var result = new ProgramRun().Close(month, MonitoringProgram.VAMP);

        Assert.Equal(0, result.Metric.Count);
        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
    }

    [Fact]
    public void CountMinimumParameter()
    {
        // 1,200 items / 40,000 = 3%: under the default 1,500 minimum, over a 1,000 minimum.
        var month = Month.Vamp(Month.Ym(2025, 10), 40_000, 600, 600);

        var byDefault = new ProgramRun().Close(month, MonitoringProgram.VAMP);
        var withThousand = new ProgramRun(parameters: new ProgramParameters { VampCountMinimum = 1_000 }).Close(month, MonitoringProgram.VAMP);

        Assert.Equal(ProgramStatus.NotInProgram, byDefault.Status);
        Assert.Equal(ProgramStatus.Enforcement, withThousand.Status);
        Assert.Equal(Money.Usd(1_200 * 8m), withThousand.Fine);
    }

    [Fact]
    public void CountMinimumParameterAppliesAtExactly1000()
    {
        var parameters = new ProgramParameters { VampCountMinimum = 1_000 };

        var at = new ProgramRun(parameters: parameters).Close(Month.Vamp(Month.Ym(2026, 4), 40_000, 500, 500), MonitoringProgram.VAMP);
        var below = new ProgramRun(parameters: parameters).Close(Month.Vamp(Month.Ym(2026, 4), 40_000, 500, 499), MonitoringProgram.VAMP);

        Assert.Equal(ProgramStatus.Enforcement, at.Status);
        Assert.Equal(ProgramStatus.NotInProgram, below.Status);
    }

    [Fact]
    public void FeePerItemParameter()
    {
        var parameters = new ProgramParameters { VampFeePerItem = Money.Usd(10m) };

        var result = new ProgramRun(parameters: parameters).Close(Month.Vamp(Month.Ym(2025, 10), 50_000, 1_000, 1_000), MonitoringProgram.VAMP);

        Assert.Equal(Money.Usd(20_000m), result.Fine);
    }

    [Fact]
    public void FeePerItemParameterDoesNotStartTheFeesEarly()
    {
        var parameters = new ProgramParameters { VampFeePerItem = Money.Usd(10m) };

        var result = new ProgramRun(parameters: parameters).Close(Month.Vamp(Month.Ym(2025, 9), 50_000, 1_000, 1_000), MonitoringProgram.VAMP);

        Assert.Equal(ProgramStatus.Enforcement, result.Status);
        Assert.True(result.Fine.IsZero);
    }

    [Fact]
    public void ExitsTheMonthAfterGoingBelow()
    {
        var run = new ProgramRun();
        var over = run.Close(Month.Vamp(Month.Ym(2025, 10), 50_000, 1_000, 1_000), MonitoringProgram.VAMP);
        var below = run.Close(Month.Vamp(Month.Ym(2025, 11), 50_000, 100, 100), MonitoringProgram.VAMP);
        var again = run.Close(Month.Vamp(Month.Ym(2025, 12), 50_000, 1_000, 1_000), MonitoringProgram.VAMP);

        Assert.Equal(ProgramStatus.Enforcement, over.Status);
        Assert.Equal(ProgramStatus.Exited, below.Status);
        Assert.Equal(ProgramTransition.Entered, again.Transition);
        Assert.Equal(Money.Usd(32_000m), again.FinesToDate);
    }

    [Theory]
    [InlineData(300_000, 1_500_000, ProgramStatus.Enforcement)]  // exactly 300,000 and 20%
    [InlineData(299_999, 1_400_000, ProgramStatus.NotInProgram)] // one under the count
    [InlineData(300_000, 1_500_001, ProgramStatus.NotInProgram)] // just under 20%
    public void EnumerationIsMeasuredWithoutAFee(long enumerated, long authorizations, ProgramStatus status)
    {
        var month = Month.Of(Month.Ym(2025, 10), visa: new NetworkMonthTotals { AuthorizationCount = authorizations, EnumeratedAuthorizationCount = enumerated });

        var result = new ProgramRun().Close(month, MonitoringProgram.VAMPEnumeration);

        Assert.Equal(status, result.Status);
        Assert.True(result.Fine.IsZero);
    }
}
