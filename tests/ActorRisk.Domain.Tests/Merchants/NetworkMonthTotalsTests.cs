namespace ActorRisk.Domain.Tests.Merchants;

/// <summary>One network's month: sales are card-present plus card-not-present; scaling (projections) rounds to whole items and cents.</summary>
public sealed class NetworkMonthTotalsTests
{
    [Fact]
    public void SalesAreCardPresentPlusCardNotPresent()
    {
        var totals = new NetworkMonthTotals
        {
            CardPresentSalesCount = 40,
            CardPresentSalesAmount = Money.Usd(400m),
            CardNotPresentSalesCount = 60,
            CardNotPresentSalesAmount = Money.Usd(600.50m),
        };

        Assert.Equal(100, totals.SalesCount);
        Assert.Equal(Money.Usd(1_000.50m), totals.SalesAmount);
    }

    [Fact]
    public void EmptyIsZeroInUsd()
    {
        var empty = NetworkMonthTotals.Empty;

        Assert.Equal(0, empty.SalesCount);
        Assert.Equal(Money.Zero("USD"), empty.SalesAmount);
        Assert.Equal(Money.Zero("USD"), empty.FraudDisputeAmount);
    }

    [Fact]
    public void ScaleMultipliesEveryCountAndAmount()
    {
        var totals = new NetworkMonthTotals
        {
            CardPresentSalesCount = 1,
            CardPresentSalesAmount = Money.Usd(0.01m),
            CardNotPresentSalesCount = 2,
            CardNotPresentSalesAmount = Money.Usd(0.02m),
            ThreeDsAuthenticatedCount = 3,
            DisputeCount = 4,
            CountableDisputeCount = 5,
            DisputeAmount = Money.Usd(0.06m),
            FraudDisputeCount = 7,
            FraudDisputeAmount = Money.Usd(0.08m),
            RdrResolvedDisputeCount = 9,
            FraudReportCount = 10,
            FraudReportAmount = Money.Usd(0.11m),
            CompellingEvidenceFraudReportCount = 12,
            AuthorizationCount = 13,
            EnumeratedAuthorizationCount = 14,
        };

        var scaled = totals.Scale(3m);

        Assert.Equal(
            [3L, 3, 6, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42],
            [
                scaled.CardPresentSalesCount, scaled.CardPresentSalesAmount.Amount, scaled.CardNotPresentSalesCount,
                scaled.CardNotPresentSalesAmount.Amount, scaled.ThreeDsAuthenticatedCount, scaled.DisputeCount,
                scaled.CountableDisputeCount, scaled.DisputeAmount.Amount, scaled.FraudDisputeCount, scaled.FraudDisputeAmount.Amount,
                scaled.RdrResolvedDisputeCount, scaled.FraudReportCount, scaled.FraudReportAmount.Amount,
                scaled.CompellingEvidenceFraudReportCount, scaled.AuthorizationCount, scaled.EnumeratedAuthorizationCount,
            ]);
    }

    [Theory]
    [InlineData(5, "0.5", 3)]   // 2.5 rounds away from zero
    [InlineData(7, "0.5", 4)]   // 3.5
    [InlineData(10, "1.04", 10)]
    [InlineData(10, "1.05", 11)] // 10.5
    public void ScaleRoundsHalfAwayFromZero(long count, string factor, long expected)
    {
        var scaled = new NetworkMonthTotals { DisputeCount = count, DisputeAmount = new Money(count, "USD") }
            .Scale(decimal.Parse(factor, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, scaled.DisputeCount);
        Assert.Equal(expected, scaled.DisputeAmount.Amount);
    }

    [Fact]
    public void MerchantTotalsAreKeptPerNetwork()
    {
        var month = new YearMonth(2025, 1);
        var visa = new NetworkMonthTotals { DisputeCount = 1 };
        var mastercard = new NetworkMonthTotals { DisputeCount = 2 };

        var totals = MerchantMonthTotals.Empty(month).With(CardNetwork.Visa, visa).With(CardNetwork.Mastercard, mastercard);

        Assert.Same(visa, totals.For(CardNetwork.Visa));
        Assert.Same(mastercard, totals.For(CardNetwork.Mastercard));
        Assert.Equal(month, totals.Month);
    }
}
