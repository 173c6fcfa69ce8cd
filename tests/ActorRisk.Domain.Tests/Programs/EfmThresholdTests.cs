namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// DESIGN.md "Mastercard EFM": all of &gt;= 1,000 previous-month sales, &gt;= USD 50,000 fraud chargebacks, fraud
/// chargeback count / previous-month sales &gt;= 0.50%, 3-D Secure on &lt; 10% of card-not-present sales (&lt; 50% in a
/// regulated market). Each condition failing on its own keeps the merchant out.
/// </summary>
public sealed class EfmThresholdTests
{
    private static readonly YearMonth FirstMonth = Month.Ym(2025, 1);

    [Theory]
    // previous-month sales, CNP sales this month, 3DS count, fraud chargebacks, fraud USD, regulated, identified
    [InlineData(10_000, 10_000, 500, 60, "60000", false, true)]      // every condition met
    [InlineData(1_000, 10_000, 500, 60, "60000", false, true)]       // previous-month sales exactly 1,000
    [InlineData(999, 10_000, 500, 60, "60000", false, false)]        // previous-month sales 999
    [InlineData(10_000, 10_000, 500, 60, "50000", false, true)]      // fraud amount exactly USD 50,000
    [InlineData(10_000, 10_000, 500, 60, "49999.99", false, false)]  // fraud amount a cent under
    [InlineData(10_000, 10_000, 500, 50, "60000", false, true)]      // ratio exactly 0.50%
    [InlineData(10_000, 10_000, 500, 49, "60000", false, false)]     // ratio 0.49%
    [InlineData(10_001, 10_000, 500, 50, "60000", false, false)]     // ratio just under 0.50%
    [InlineData(10_000, 10_000, 999, 60, "60000", false, true)]      // 3DS 9.99%
    [InlineData(10_000, 10_000, 1_000, 60, "60000", false, false)]   // 3DS exactly 10%: not under 10%
    [InlineData(10_000, 10_000, 4_999, 60, "60000", false, false)]   // 3DS 49.99% outside a regulated market
    [InlineData(10_000, 10_000, 4_999, 60, "60000", true, true)]     // 3DS 49.99% in a regulated market
    [InlineData(10_000, 10_000, 5_000, 60, "60000", true, false)]    // 3DS exactly 50% in a regulated market
    [InlineData(10_000, 10_000, 999, 60, "60000", true, true)]       // low 3DS is fine in a regulated market too
    [InlineData(10_000, 0, 0, 60, "60000", false, true)]             // no CNP sales: 3DS share 0
    public void EveryConditionMustBeMet(long previousSales, long sales, long threeDs, long fraudChargebacks, string fraudUsd, bool regulated, bool identified)
    {
        var amount = decimal.Parse(fraudUsd, System.Globalization.CultureInfo.InvariantCulture);
        var run = new ProgramRun(
            new MerchantProfile("efm", RegulatedMarket: regulated),
            previous: Month.MastercardFraud(FirstMonth.Previous(), previousSales, 0, 0, 0m));

        var result = run.Close(Month.MastercardFraud(FirstMonth, sales, threeDs, fraudChargebacks, amount), MonitoringProgram.EFM);

        Assert.Equal(identified ? ProgramStatus.Enforcement : ProgramStatus.NotInProgram, result.Status);
        Assert.Equal(fraudChargebacks, result.Metric.Count);
        Assert.Equal(Money.Usd(amount), result.Metric.Amount);
        Assert.Equal(previousSales, result.Metric.DenominatorCount);
    }

    [Fact]
    public void PreviousMonthAbsentIsNotIdentified()
    {
        var result = new ProgramRun().Close(Month.MastercardFraud(FirstMonth, 10_000, 0, 500, 500_000m), MonitoringProgram.EFM);

        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
        Assert.Contains(result.Reasons, r => r.Contains("previous-month sales 0 < 1,000", StringComparison.Ordinal));
    }

    [Fact]
    public void ThisMonthsSalesDoNotChangeTheRatio()
    {
        var run = new ProgramRun(previous: Month.MastercardFraud(FirstMonth.Previous(), 10_000, 0, 0, 0m));

        var result = run.Close(Month.MastercardFraud(FirstMonth, 1_000_000, 0, 60, 60_000m), MonitoringProgram.EFM);

        Assert.Equal(0.006m, result.Metric.Ratio);
        Assert.Equal(ProgramStatus.Enforcement, result.Status);
    }

    [Fact]
    public void NonFraudChargebacksDoNotCount()
    {
        // 600 chargebacks of which 40 fraud: 0.40% fraud ratio.
        var run = new ProgramRun(previous: Month.MastercardFraud(FirstMonth.Previous(), 10_000, 0, 0, 0m));

        var result = run.Close(Month.MastercardFraud(FirstMonth, 10_000, 0, 40, 80_000m, chargebacks: 600), MonitoringProgram.EFM);

        Assert.Equal(40, result.Metric.Count);
        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
    }
}
