namespace ActorRisk.Domain.Tests.Merchants;

/// <summary>
/// Every accumulated total at its edge: the last record that fits is counted, the first that would not is refused
/// with the field at fault, and the ledger it was offered to is unchanged (issue 13: a sale that overflowed the
/// card-present + card-not-present sum used to fail only when the state was written).
/// </summary>
public sealed class LedgerOverflowTests
{
    private static readonly ExchangeRateTable Usd = ExchangeRateTable.UsdOnly;
    private static readonly Money MaxUsd = new(long.MaxValue, "USD");

    private static MerchantMonthLedger Open() => MerchantMonthLedger.Open(new YearMonth(2024, 3), 10);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ASaleUpToTheLargestAmountIsCountedAndOneMinorUnitMoreIsRefused(bool cardPresent)
    {
        var full = Open().AddSales(CardNetwork.Visa, 1, MaxUsd, cardPresent, Usd);
        Assert.Equal(MaxUsd, full.Totals.Visa.SalesAmount);

        var refused = Assert.Throws<LedgerOverflowException>(() => full.AddSales(CardNetwork.Visa, 1, new Money(1, "USD"), cardPresent, Usd));

        Assert.Equal("amount", refused.Field);
        Assert.Equal(MaxUsd, full.Totals.Visa.SalesAmount);
    }

    [Fact]
    public void CardPresentAndCardNotPresentAmountsMustFitTogether()
    {
        var half = new Money(long.MaxValue / 2 + 1, "USD");
        var present = Open().AddSales(CardNetwork.Visa, 1, half, cardPresent: true, Usd);

        var refused = Assert.Throws<LedgerOverflowException>(() => present.AddSales(CardNetwork.Visa, 1, half, cardPresent: false, Usd));

        Assert.Equal("amount", refused.Field);
        Assert.Equal(Money.Zero("USD"), present.Totals.Visa.CardNotPresentSalesAmount);
    }

    [Fact]
    public void CardPresentAndCardNotPresentCountsMustFitTogether()
    {
        var present = Open().AddSales(CardNetwork.Mastercard, long.MaxValue - 1, Money.Usd(1m), cardPresent: true, Usd);

        _ = present.AddSales(CardNetwork.Mastercard, 1, Money.Usd(1m), cardPresent: false, Usd);
        var refused = Assert.Throws<LedgerOverflowException>(() => present.AddSales(CardNetwork.Mastercard, 2, Money.Usd(1m), cardPresent: false, Usd));

        Assert.Equal("count", refused.Field);
        Assert.Equal(long.MaxValue - 1, present.Totals.Mastercard.SalesCount);
    }

    [Fact]
    public void AConversionPastTheLargestUsdAmountIsRefusedAsTheAmount()
    {
        var rates = new ExchangeRateTable(new Dictionary<string, decimal> { ["EUR"] = 1.08m });

        var refused = Assert.Throws<LedgerOverflowException>(() => Open().AddSales(CardNetwork.Visa, 1, new Money(long.MaxValue, "EUR"), true, rates));

        Assert.Equal("amount", refused.Field);
    }

    [Fact]
    public void DisputeAndFraudReportAmountsAreRefusedAtTheEdge()
    {
        var disputed = Open().AddDispute(CardNetwork.Visa, MaxUsd, fraud: true, "tok", Usd);
        var reported = Open().AddFraudReport(CardNetwork.Visa, MaxUsd, Usd);

        Assert.Equal("amount", Assert.Throws<LedgerOverflowException>(() => disputed.AddDispute(CardNetwork.Visa, new Money(1, "USD"), fraud: false, "tok", Usd)).Field);
        Assert.Equal("amount", Assert.Throws<LedgerOverflowException>(() => reported.AddFraudReport(CardNetwork.Visa, new Money(1, "USD"), Usd)).Field);
        Assert.Equal(1, disputed.Totals.Visa.DisputeCount);
        Assert.Equal(1, reported.Totals.Visa.FraudReportCount);
    }

    [Fact]
    public void AuthorizationCountsAreRefusedAtTheEdge()
    {
        var full = Open().AddAuthorizations(CardNetwork.Visa, long.MaxValue, 0);

        Assert.Equal("count", Assert.Throws<LedgerOverflowException>(() => full.AddAuthorizations(CardNetwork.Visa, 1, 0)).Field);
        Assert.Equal(long.MaxValue, full.Totals.Visa.AuthorizationCount);
    }
}
