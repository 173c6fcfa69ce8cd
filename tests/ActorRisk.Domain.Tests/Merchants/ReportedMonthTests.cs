namespace ActorRisk.Domain.Tests.Merchants;

/// <summary>
/// A month's totals as an earlier system counted them (history import): what makes them impossible, named by field,
/// and how they become the totals the programs read.
/// </summary>
public sealed class ReportedMonthTests
{
    private static readonly ExchangeRateTable Rates = new(new Dictionary<string, decimal> { ["EUR"] = 1.10m, ["JPY"] = 0.0065m });

    private static readonly ReportedMonth Month = new()
    {
        Month = new YearMonth(2024, 1),
        Network = CardNetwork.Visa,
        SalesCount = 10_000,
        SalesAmount = new Money(50_000_000, "USD"),
        CardNotPresentSalesCount = 9_000,
        DisputeCount = 120,
        DisputeAmount = new Money(600_000, "USD"),
        FraudReportAmount = new Money(0, "USD"),
    };

    [Fact]
    public void TheIssuesExampleBecomesTotalsWithCardPresentSalesTheRestAndAmountsSplitByCount()
    {
        var totals = Month.ToTotals(Rates);

        Assert.Empty(Month.Problems(Rates));
        Assert.Equal((1_000, 9_000, 10_000L), (totals.CardPresentSalesCount, totals.CardNotPresentSalesCount, totals.SalesCount));
        Assert.Equal(new Money(45_000_000, "USD"), totals.CardNotPresentSalesAmount);
        Assert.Equal(new Money(5_000_000, "USD"), totals.CardPresentSalesAmount);
        Assert.Equal((120L, 120L), (totals.DisputeCount, totals.CountableDisputeCount));
        Assert.Equal(Money.Zero("USD"), totals.FraudDisputeAmount);
        Assert.Equal((0L, 0L, 0L), (totals.ThreeDsAuthenticatedCount, totals.AuthorizationCount, totals.RdrResolvedDisputeCount));
    }

    [Fact]
    public void EveryPartGivenIsKeptAndAmountsAreConvertedToUsd()
    {
        var month = Month with
        {
            SalesAmount = Money.Eur(1_000_000m),
            CardNotPresentSalesAmount = Money.Eur(300_000m),
            ThreeDsAuthenticatedCount = 4_000,
            CountableDisputeCount = 100,
            FraudDisputeCount = 30,
            FraudDisputeAmount = Money.Usd(1_500m),
            RdrResolvedDisputeCount = 5,
            FraudReportCount = 40,
            FraudReportAmount = Money.Jpy(1_000_000),
            CompellingEvidenceFraudReportCount = 3,
            AuthorizationCount = 50_000,
            EnumeratedAuthorizationCount = 2_000,
        };

        var totals = month.ToTotals(Rates);

        Assert.Equal(Money.Usd(1_100_000m), totals.SalesAmount);
        Assert.Equal(Money.Usd(330_000m), totals.CardNotPresentSalesAmount);
        Assert.Equal(Money.Usd(6_500m), totals.FraudReportAmount);
        Assert.Equal(
            (4_000L, 100L, 30L, Money.Usd(1_500m), 5L, 40L, 3L, 50_000L, 2_000L),
            (totals.ThreeDsAuthenticatedCount, totals.CountableDisputeCount, totals.FraudDisputeCount, totals.FraudDisputeAmount, totals.RdrResolvedDisputeCount,
                totals.FraudReportCount, totals.CompellingEvidenceFraudReportCount, totals.AuthorizationCount, totals.EnumeratedAuthorizationCount));
    }

    [Fact]
    public void AMonthWithoutSalesHasNoAmountToSplit()
    {
        var totals = (Month with { SalesCount = 0, CardNotPresentSalesCount = 0, SalesAmount = Money.Usd(0m) }).ToTotals(Rates);

        Assert.Equal((0L, Money.Zero("USD")), (totals.SalesCount, totals.SalesAmount));
    }

    public static TheoryData<string, Func<ReportedMonth, ReportedMonth>> Impossible => new()
    {
        { "salesCount", m => m with { SalesCount = -1, CardNotPresentSalesCount = 0 } },
        { "cardNotPresentSalesCount", m => m with { CardNotPresentSalesCount = 10_001 } },
        { "threeDsAuthenticatedCount", m => m with { ThreeDsAuthenticatedCount = 9_001 } },
        { "countableDisputeCount", m => m with { CountableDisputeCount = 121 } },
        { "fraudDisputeCount", m => m with { FraudDisputeCount = 121, FraudDisputeAmount = Money.Usd(1m) } },
        { "rdrResolvedDisputeCount", m => m with { RdrResolvedDisputeCount = 121 } },
        { "compellingEvidenceFraudReportCount", m => m with { CompellingEvidenceFraudReportCount = 1 } },
        { "enumeratedAuthorizationCount", m => m with { EnumeratedAuthorizationCount = 1 } },
        { "disputeCount", m => m with { DisputeCount = -5, CountableDisputeCount = -6 } },
        { "fraudDisputeAmount", m => m with { FraudDisputeCount = 2 } },
        { "fraudDisputeAmount.amount", m => m with { FraudDisputeCount = 2, FraudDisputeAmount = new Money(600_001, "USD") } },
        { "salesAmount.amount", m => m with { SalesAmount = new Money(-1, "USD") } },
        { "salesAmount.currency", m => m with { SalesAmount = new Money(100, "CHF") } },
        { "fraudReportAmount.currency", m => m with { FraudReportAmount = new Money(0, "GBP") } },
        { "cardNotPresentSalesAmount.amount", m => m with { CardNotPresentSalesAmount = new Money(50_000_001, "USD") } },
        { "cardNotPresentSalesAmount.currency", m => m with { CardNotPresentSalesAmount = Money.Eur(1m) } },
    };

    [Theory]
    [MemberData(nameof(Impossible))]
    public void ImpossibleTotalsNameTheFieldAtFaultAndAreNotConverted(string field, Func<ReportedMonth, ReportedMonth> change)
    {
        var month = change(Month);

        Assert.Contains(field, month.Problems(Rates).Select(p => p.Field));
        Assert.Throws<ArgumentException>(() => month.ToTotals(Rates));
    }

    [Fact]
    public void AnAmountPastTheLargestTotalInUsdIsAnOverflowOfThatField()
    {
        var month = Month with { FraudReportAmount = new Money(long.MaxValue, "EUR") };

        var overflow = Assert.Throws<LedgerOverflowException>(() => month.ToTotals(Rates));

        Assert.Equal("fraudReportAmount", overflow.Field);
    }
}
