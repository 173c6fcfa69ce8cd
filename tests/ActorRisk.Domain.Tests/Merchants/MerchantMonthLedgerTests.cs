namespace ActorRisk.Domain.Tests.Merchants;

/// <summary>
/// The running month's ledger: Visa counts only the first 10 disputes per card per month (DESIGN.md, VDMP), every
/// amount is converted to USD as it arrives, and malformed events are refused.
/// </summary>
public sealed class MerchantMonthLedgerTests
{
    private static readonly YearMonth March2024 = new(2024, 3);
    private static readonly ExchangeRateTable Rates = new(new Dictionary<string, decimal> { ["JPY"] = 0.0067m, ["EUR"] = 1.08m });
    private static readonly ExchangeRateTable Usd = ExchangeRateTable.UsdOnly;

    private static MerchantMonthLedger Open() => MerchantMonthLedger.Open(March2024, ProgramParameters.Defaults.VisaDisputesPerCardPerMonth);

    private static MerchantMonthLedger Disputes(MerchantMonthLedger ledger, CardNetwork network, string? card, int count)
    {
        for (var i = 0; i < count; i++)
        {
            ledger = ledger.AddDispute(network, Money.Usd(10m), fraud: false, card, Usd);
        }

        return ledger;
    }

    [Fact]
    public void DefaultVisaLimitIsTenDisputesPerCard()
    {
        Assert.Equal(10, ProgramParameters.Defaults.VisaDisputesPerCardPerMonth);
        Assert.Equal(10, Open().VisaDisputesPerCardLimit);
        Assert.Equal(March2024, Open().Month);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(9, 9)]
    [InlineData(10, 10)]
    [InlineData(11, 10)]
    [InlineData(12, 10)]
    [InlineData(25, 10)]
    public void VisaCountsOnlyTheFirstTenDisputesPerCard(int disputes, long countable)
    {
        var visa = Disputes(Open(), CardNetwork.Visa, "tok_A", disputes).Totals.Visa;

        Assert.Equal(disputes, visa.DisputeCount);
        Assert.Equal(countable, visa.CountableDisputeCount);
    }

    [Fact]
    public void TheEleventhDisputeOnTheSameCardIsNotCountable()
    {
        var ten = Disputes(Open(), CardNetwork.Visa, "tok_A", 10);

        var eleven = ten.AddDispute(CardNetwork.Visa, Money.Usd(80m), fraud: true, "tok_A", Usd);

        Assert.Equal(11, eleven.Totals.Visa.DisputeCount);
        Assert.Equal(10, eleven.Totals.Visa.CountableDisputeCount);
        Assert.Equal(11, eleven.VisaDisputesPerCard["tok_A"]);

        // The 11th dispute still counts in amounts and fraud counts; only the countable number is capped.
        Assert.Equal(Money.Usd(180m), eleven.Totals.Visa.DisputeAmount);
        Assert.Equal(1, eleven.Totals.Visa.FraudDisputeCount);
        Assert.Equal(Money.Usd(80m), eleven.Totals.Visa.FraudDisputeAmount);
    }

    [Fact]
    public void TheLimitIsPerCard()
    {
        var ledger = Disputes(Open(), CardNetwork.Visa, "tok_A", 12);
        ledger = Disputes(ledger, CardNetwork.Visa, "tok_B", 12);
        ledger = Disputes(ledger, CardNetwork.Visa, "tok_C", 3);

        Assert.Equal(27, ledger.Totals.Visa.DisputeCount);
        Assert.Equal(23, ledger.Totals.Visa.CountableDisputeCount);
        Assert.Equal(3, ledger.VisaDisputesPerCard.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void DisputesWithoutACardTokenAlwaysCount(string? token)
    {
        var ledger = Disputes(Disputes(Open(), CardNetwork.Visa, "tok_A", 10), CardNetwork.Visa, token, 15);

        Assert.Equal(25, ledger.Totals.Visa.DisputeCount);
        Assert.Equal(25, ledger.Totals.Visa.CountableDisputeCount);
        Assert.Single(ledger.VisaDisputesPerCard);
    }

    [Fact]
    public void MastercardHasNoPerCardCap()
    {
        var ledger = Disputes(Open(), CardNetwork.Mastercard, "tok_A", 15);

        Assert.Equal(15, ledger.Totals.Mastercard.DisputeCount);
        Assert.Equal(15, ledger.Totals.Mastercard.CountableDisputeCount);
        Assert.Empty(ledger.VisaDisputesPerCard);
    }

    [Fact]
    public void MastercardDisputesDoNotUseUpTheVisaCardCount()
    {
        var ledger = Disputes(Open(), CardNetwork.Mastercard, "tok_A", 15);
        ledger = Disputes(ledger, CardNetwork.Visa, "tok_A", 10);

        Assert.Equal(10, ledger.Totals.Visa.CountableDisputeCount);
        Assert.Equal(15, ledger.Totals.Mastercard.CountableDisputeCount);
    }

    [Fact]
    public void TheLimitIsConfigurable()
    {
        var ledger = Disputes(MerchantMonthLedger.Open(March2024, 3), CardNetwork.Visa, "tok_A", 5);

        Assert.Equal(5, ledger.Totals.Visa.DisputeCount);
        Assert.Equal(3, ledger.Totals.Visa.CountableDisputeCount);
    }

    [Fact]
    public void TheCapDecidesVdmp()
    {
        // 110 Visa disputes over 10,000 sales, but one card disputed 21 times: 11 of them do not count, 99 < 100.
        var ledger = Open().AddSales(CardNetwork.Visa, 10_000, Money.Usd(500_000m), cardPresent: false, Usd);
        ledger = Disputes(ledger, CardNetwork.Visa, "tok_busy", 21);
        for (var i = 0; i < 89; i++)
        {
            ledger = ledger.AddDispute(CardNetwork.Visa, Money.Usd(10m), fraud: false, $"tok_{i}", Usd);
        }

        var evaluator = new MerchantMonthEvaluator(ProgramRulebook.Standard());
        var vdmp = evaluator.Close(new MerchantProfile("m"), ledger.Totals, null, MerchantProgramState.New).For(MonitoringProgram.VDMP)!;

        Assert.Equal(110, ledger.Totals.Visa.DisputeCount);
        Assert.Equal(99, vdmp.Metric.Count);
        Assert.Equal(ProgramStatus.EarlyWarning, vdmp.Status);

        var oneMore = ledger.AddDispute(CardNetwork.Visa, Money.Usd(10m), fraud: false, null, Usd);
        var over = evaluator.Close(new MerchantProfile("m"), oneMore.Totals, null, MerchantProgramState.New).For(MonitoringProgram.VDMP)!;
        Assert.Equal(ProgramStatus.Enforcement, over.Status);
    }

    [Theory]
    [InlineData(10_000, 6_700)]       // JPY 10,000 x 0.0067 = USD 67.00
    [InlineData(150, 101)]            // USD 1.005 rounds half away from zero to USD 1.01
    [InlineData(1, 1)]                // USD 0.0067 rounds to one cent
    [InlineData(74, 50)]              // USD 0.4958
    [InlineData(1_000_000, 670_000)]  // USD 6,700.00
    [InlineData(0, 0)]
    public void JapaneseYenIsConvertedToUsdCents(long yen, long usdCents)
    {
        var ledger = Open()
            .AddSales(CardNetwork.Visa, 1, Money.Jpy(yen), cardPresent: true, Rates)
            .AddDispute(CardNetwork.Visa, Money.Jpy(yen), fraud: true, "tok", Rates)
            .AddFraudReport(CardNetwork.Mastercard, Money.Jpy(yen), Rates);

        var expected = new Money(usdCents, "USD");
        Assert.Equal(expected, ledger.Totals.Visa.CardPresentSalesAmount);
        Assert.Equal(expected, ledger.Totals.Visa.DisputeAmount);
        Assert.Equal(expected, ledger.Totals.Visa.FraudDisputeAmount);
        Assert.Equal(expected, ledger.Totals.Mastercard.FraudReportAmount);
    }

    [Fact]
    public void ConversionIsPerEventThenSummed()
    {
        // Two sales of JPY 150: USD 1.01 each (rounded at ingestion), USD 2.02 in total.
        var ledger = Open()
            .AddSales(CardNetwork.Visa, 1, Money.Jpy(150), cardPresent: false, Rates)
            .AddSales(CardNetwork.Visa, 1, Money.Jpy(150), cardPresent: false, Rates);

        Assert.Equal(Money.Usd(2.02m), ledger.Totals.Visa.CardNotPresentSalesAmount);
        Assert.Equal(2, ledger.Totals.Visa.CardNotPresentSalesCount);
    }

    [Fact]
    public void EuroIsConverted()
    {
        var ledger = Open().AddFraudReport(CardNetwork.Visa, Money.Eur(1_000m), Rates);

        Assert.Equal(Money.Usd(1_080m), ledger.Totals.Visa.FraudReportAmount);
    }

    [Fact]
    public void ACurrencyWithoutARateIsRefused()
    {
        var error = Assert.Throws<MissingExchangeRateException>(() =>
            Open().AddSales(CardNetwork.Visa, 1, Money.Jpy(1_000), cardPresent: false, ExchangeRateTable.UsdOnly));

        Assert.Equal("JPY", error.Currency);
    }

    [Fact]
    public void JapaneseYenSalesDecideVfmpInUsd()
    {
        // JPY 1,000,000,000 sales = USD 6,700,000. JPY 11,194,030 x 0.0067 = USD 75,000.001, i.e. USD 75,000.00:
        // exactly the Standard amount, at 1.12% of sales.
        var ledger = Open()
            .AddSales(CardNetwork.Visa, 50_000, Money.Jpy(1_000_000_000), cardPresent: false, Rates)
            .AddFraudReport(CardNetwork.Visa, Money.Jpy(11_194_030), Rates);

        var vfmp = new MerchantMonthEvaluator(ProgramRulebook.Standard())
            .Close(new MerchantProfile("m"), ledger.Totals, null, MerchantProgramState.New)
            .For(MonitoringProgram.VFMP)!;

        Assert.Equal(Money.Usd(75_000m), ledger.Totals.Visa.FraudReportAmount);
        Assert.Equal(Money.Usd(6_700_000m), ledger.Totals.Visa.SalesAmount);
        Assert.Equal("Standard", vfmp.Tier);

        // One yen less is USD 74,999.99: below Standard.
        var under = Open()
            .AddSales(CardNetwork.Visa, 50_000, Money.Jpy(1_000_000_000), cardPresent: false, Rates)
            .AddFraudReport(CardNetwork.Visa, Money.Jpy(11_194_029), Rates);
        var below = new MerchantMonthEvaluator(ProgramRulebook.Standard())
            .Close(new MerchantProfile("m"), under.Totals, null, MerchantProgramState.New)
            .For(MonitoringProgram.VFMP)!;
        Assert.Equal(Money.Usd(74_999.99m), under.Totals.Visa.FraudReportAmount);
        Assert.Equal(ProgramStatus.EarlyWarning, below.Status);
    }

    [Fact]
    public void CardPresentAndCardNotPresentSalesAreKeptApart()
    {
        var ledger = Open()
            .AddSales(CardNetwork.Visa, 30, Money.Usd(300m), cardPresent: true, Usd)
            .AddSales(CardNetwork.Visa, 70, Money.Usd(700m), cardPresent: false, Usd, threeDsAuthenticated: 20);

        var visa = ledger.Totals.Visa;
        Assert.Equal(30, visa.CardPresentSalesCount);
        Assert.Equal(70, visa.CardNotPresentSalesCount);
        Assert.Equal(100, visa.SalesCount);
        Assert.Equal(Money.Usd(1_000m), visa.SalesAmount);
        Assert.Equal(20, visa.ThreeDsAuthenticatedCount);
        Assert.Equal(NetworkMonthTotals.Empty, ledger.Totals.Mastercard);
    }

    [Theory]
    [InlineData(10, 10, false)] // every CNP sale authenticated: allowed
    [InlineData(10, 0, false)]
    [InlineData(10, 0, true)]
    public void ThreeDsCountWithinTheSalesIsAccepted(long count, long threeDs, bool cardPresent)
    {
        var ledger = Open().AddSales(CardNetwork.Mastercard, count, Money.Usd(100m), cardPresent, Usd, threeDs);

        Assert.Equal(threeDs, ledger.Totals.Mastercard.ThreeDsAuthenticatedCount);
    }

    [Theory]
    [InlineData(10, 11, false)] // more authenticated than sold
    [InlineData(10, -1, false)] // negative
    [InlineData(10, 1, true)]   // 3-D Secure on card-present sales
    public void ThreeDsCountOutsideTheSalesIsRefused(long count, long threeDs, bool cardPresent)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Open().AddSales(CardNetwork.Mastercard, count, Money.Usd(100m), cardPresent, Usd, threeDs));

        Assert.Equal("threeDsAuthenticated", error.ParamName);
    }

    [Fact]
    public void NegativeAmountsAreRefused()
    {
        var negative = Money.Usd(-1m);

        Assert.Throws<ArgumentOutOfRangeException>(() => Open().AddSales(CardNetwork.Visa, 1, negative, cardPresent: false, Usd));
        Assert.Throws<ArgumentOutOfRangeException>(() => Open().AddDispute(CardNetwork.Visa, negative, fraud: false, "tok", Usd));
        Assert.Throws<ArgumentOutOfRangeException>(() => Open().AddFraudReport(CardNetwork.Visa, negative, Usd));
        Assert.Throws<ArgumentOutOfRangeException>(() => Open().AddDispute(CardNetwork.Mastercard, Money.Jpy(-100), fraud: true, null, Rates));
    }

    [Fact]
    public void NegativeCountsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Open().AddSales(CardNetwork.Visa, -1, Money.Usd(0m), cardPresent: false, Usd));
        Assert.Throws<ArgumentOutOfRangeException>(() => Open().AddAuthorizations(CardNetwork.Visa, -1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Open().AddAuthorizations(CardNetwork.Visa, 10, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Open().AddAuthorizations(CardNetwork.Visa, 10, 11));
    }

    [Fact]
    public void ARefusedEventLeavesTheLedgerUnchanged()
    {
        var ledger = Open().AddSales(CardNetwork.Visa, 5, Money.Usd(50m), cardPresent: false, Usd);

        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.AddSales(CardNetwork.Visa, 5, Money.Usd(50m), cardPresent: false, Usd, threeDsAuthenticated: 6));

        Assert.Equal(5, ledger.Totals.Visa.CardNotPresentSalesCount);
        Assert.Equal(0, ledger.Totals.Visa.ThreeDsAuthenticatedCount);
    }

    [Fact]
    public void VampExclusionsAreCounted()
    {
        var ledger = Open()
            .AddDispute(CardNetwork.Visa, Money.Usd(10m), fraud: false, "a", Usd, resolvedByRdr: true)
            .AddDispute(CardNetwork.Visa, Money.Usd(10m), fraud: false, "b", Usd)
            .AddFraudReport(CardNetwork.Visa, Money.Usd(10m), Usd, compellingEvidence: true)
            .AddFraudReport(CardNetwork.Visa, Money.Usd(10m), Usd);

        var visa = ledger.Totals.Visa;
        Assert.Equal(2, visa.DisputeCount);
        Assert.Equal(1, visa.RdrResolvedDisputeCount);
        Assert.Equal(2, visa.FraudReportCount);
        Assert.Equal(1, visa.CompellingEvidenceFraudReportCount);
        Assert.Equal(Money.Usd(20m), visa.FraudReportAmount);
    }

    [Fact]
    public void AuthorizationsAndEnumerationAccumulate()
    {
        var ledger = Open().AddAuthorizations(CardNetwork.Visa, 100, 30).AddAuthorizations(CardNetwork.Visa, 50, 50);

        Assert.Equal(150, ledger.Totals.Visa.AuthorizationCount);
        Assert.Equal(80, ledger.Totals.Visa.EnumeratedAuthorizationCount);
    }

    [Fact]
    public void TheLedgerIsImmutable()
    {
        var empty = Open();

        _ = empty.AddDispute(CardNetwork.Visa, Money.Usd(10m), fraud: false, "tok", Usd);

        Assert.Equal(0, empty.Totals.Visa.DisputeCount);
        Assert.Empty(empty.VisaDisputesPerCard);
    }
}
