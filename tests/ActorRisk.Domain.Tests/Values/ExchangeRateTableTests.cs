namespace ActorRisk.Domain.Tests.Values;

public sealed class ExchangeRateTableTests
{
    private static ExchangeRateTable Table(params (string Code, decimal Rate)[] rates) =>
        new(rates.ToDictionary(r => r.Code, r => r.Rate, StringComparer.Ordinal));

    [Fact]
    public void UsdIsTheIdentity()
    {
        var money = Money.Usd(1234.56m);

        Assert.Equal(money, ExchangeRateTable.UsdOnly.ToUsd(money));
        Assert.True(ExchangeRateTable.UsdOnly.CanConvert("USD"));
        Assert.Equal(1m, ExchangeRateTable.UsdOnly.Rates["USD"]);
    }

    [Fact]
    public void AConfiguredUsdRateCannotChangeTheIdentity()
    {
        var table = Table(("USD", 2m));

        Assert.Equal(1m, table.Rates["USD"]);
        Assert.Equal(Money.Usd(10m), table.ToUsd(Money.Usd(10m)));
    }

    [Theory]
    [InlineData(10_000, "0.0067", 6_700)] // JPY 10,000 -> USD 67.00
    [InlineData(100, "0.00675", 68)] // USD 0.675 -> half away from zero -> 0.68
    [InlineData(100, "0.00665", 67)] // USD 0.665 -> 0.67 (banker's rounding would give 0.66)
    [InlineData(-100, "0.00665", -67)] // USD -0.665 -> -0.67 (away from zero, not towards it)
    [InlineData(100, "0.00664", 66)] // below the midpoint rounds down
    [InlineData(1, "0.0049", 0)] // JPY 1 at 0.0049 -> USD 0.0049 -> 0.00
    [InlineData(1, "0.005", 1)] // exactly half a cent -> 0.01
    public void ToUsdRoundsHalfAwayFromZeroToTheCent(long yen, string rate, long expectedCents)
    {
        var table = Table(("JPY", decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)));

        var usd = table.ToUsd(Money.Jpy(yen));

        Assert.Equal("USD", usd.Currency);
        Assert.Equal(expectedCents, usd.Amount);
    }

    [Fact]
    public void ToUsdUsesMajorUnitsOfThreeDigitCurrencies()
    {
        var table = Table(("BHD", 2.6596m));

        // BHD 1.234 * 2.6596 = 3.2819464 -> USD 3.28
        Assert.Equal(Money.Usd(3.28m), table.ToUsd(Money.FromMajor(1.234m, "BHD")));
    }

    [Fact]
    public void MissingRateThrowsNamingTheCurrency()
    {
        var table = Table(("JPY", 0.0067m));

        var error = Assert.Throws<MissingExchangeRateException>(() => table.ToUsd(Money.Eur(1m)));
        Assert.Equal("EUR", error.Currency);
        Assert.Contains("EUR", error.Message, StringComparison.Ordinal);
        Assert.False(table.CanConvert("EUR"));
        Assert.True(table.CanConvert("JPY"));
    }

    [Fact]
    public void UsdOnlyTableHasNoOtherRates()
    {
        Assert.Throws<MissingExchangeRateException>(() => ExchangeRateTable.UsdOnly.ToUsd(Money.Jpy(100)));
        Assert.Single(ExchangeRateTable.UsdOnly.Rates);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    public void NonPositiveRateIsRefused(string rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => Table(("JPY", decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void UnknownOrLowerCaseCurrencyInTheTableIsRefused()
    {
        Assert.Throws<UnknownCurrencyException>(() => Table(("jpy", 0.0067m)));
        Assert.Throws<UnknownCurrencyException>(() => Table(("XXX", 1m)));
    }
}
