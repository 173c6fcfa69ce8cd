using System.Globalization;

namespace ActorRisk.Domain.Tests.Values;

public sealed class MoneyTests
{
    [Fact]
    public void AmountIsCarriedInMinorUnits()
    {
        var usd = new Money(123_450, "USD");
        var yen = Money.Jpy(100);

        Assert.Equal(123_450, usd.Amount);
        Assert.Equal(1234.50m, usd.ToMajor());
        Assert.Equal(100, yen.Amount);
        Assert.Equal(100m, yen.ToMajor());
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("Jpy")]
    [InlineData("XXX")]
    [InlineData("US")]
    [InlineData("USDD")]
    [InlineData("")]
    [InlineData(" USD")]
    public void UnknownOrMisspelledCurrencyIsRefused(string currency)
    {
        var error = Assert.Throws<UnknownCurrencyException>(() => new Money(1, currency));
        Assert.Equal(currency, error.Code);
        Assert.Equal("currency", error.ParamName);
    }

    [Fact]
    public void NullCurrencyIsRefused()
    {
        var error = Assert.Throws<UnknownCurrencyException>(() => new Money(1, null!));
        Assert.Null(error.Code);
    }

    [Fact]
    public void UnknownCurrencyExceptionIsAnArgumentException()
    {
        Assert.ThrowsAny<ArgumentException>(() => Money.Zero("abc"));
    }

    [Theory]
    [InlineData("1234.5", "USD", 123_450)]
    [InlineData("0.01", "USD", 1)]
    [InlineData("-2.5", "EUR", -250)]
    [InlineData("100", "JPY", 100)]
    [InlineData("100.000", "JPY", 100)]
    [InlineData("1.234", "BHD", 1_234)]
    [InlineData("0", "KWD", 0)]
    public void FromMajorConvertsToMinorUnits(string major, string currency, long expectedMinor)
    {
        var money = Money.FromMajor(decimal.Parse(major, CultureInfo.InvariantCulture), currency);

        Assert.Equal(expectedMinor, money.Amount);
        Assert.Equal(currency, money.Currency);
    }

    [Theory]
    [InlineData("1.5", "JPY")]
    [InlineData("0.1", "KRW")]
    [InlineData("1.005", "USD")]
    [InlineData("-0.001", "EUR")]
    [InlineData("1.2345", "BHD")]
    public void FromMajorRefusesMoreDecimalsThanTheCurrencyHas(string major, string currency)
    {
        var error = Assert.Throws<ArgumentException>(
            () => Money.FromMajor(decimal.Parse(major, CultureInfo.InvariantCulture), currency));
        Assert.Equal("major", error.ParamName);
    }

    [Fact]
    public void FromMajorRefusesAnUnknownCurrency()
    {
        Assert.Throws<UnknownCurrencyException>(() => Money.FromMajor(1m, "usd"));
    }

    [Fact]
    public void FromMajorOverflowingALongThrows()
    {
        Assert.Throws<OverflowException>(() => Money.FromMajor(100_000_000_000_000_000m, "USD"));
        Assert.Throws<OverflowException>(() => Money.FromMajor(decimal.MaxValue, "BHD"));
    }

    [Fact]
    public void ShortcutsUseTheirCurrency()
    {
        Assert.Equal(new Money(1_050, "USD"), Money.Usd(10.50m));
        Assert.Equal(new Money(99, "EUR"), Money.Eur(0.99m));
        Assert.Equal(new Money(5, "JPY"), Money.Jpy(5));
        Assert.Equal(new Money(0, "GBP"), Money.Zero("GBP"));
        Assert.True(Money.Zero("GBP").IsZero);
        Assert.False(Money.Jpy(1).IsZero);
    }

    [Fact]
    public void AdditionAndSubtractionInTheSameCurrency()
    {
        Assert.Equal(Money.Usd(3.75m), Money.Usd(1.25m) + Money.Usd(2.50m));
        Assert.Equal(Money.Usd(-1.25m), Money.Usd(1.25m) - Money.Usd(2.50m));
        Assert.Equal(Money.Jpy(300), Money.Jpy(100) * 3);
    }

    [Fact]
    public void ArithmeticAcrossCurrenciesIsRefused()
    {
        var usd = Money.Usd(1m);
        var eur = Money.Eur(1m);

        Assert.Throws<InvalidOperationException>(() => usd + eur);
        Assert.Throws<InvalidOperationException>(() => usd - eur);
        Assert.Throws<InvalidOperationException>(() => usd.CompareTo(eur));
        Assert.Throws<InvalidOperationException>(() => usd < eur);
        Assert.Throws<InvalidOperationException>(() => usd >= eur);
    }

    [Fact]
    public void SameDigitsInDifferentCurrenciesAreNotEqual()
    {
        Assert.NotEqual(new Money(100, "USD"), new Money(100, "EUR"));
        Assert.Equal(new Money(100, "USD"), Money.Usd(1m));
    }

    [Fact]
    public void CheckedArithmeticOverflowThrows()
    {
        var max = new Money(long.MaxValue, "JPY");
        var min = new Money(long.MinValue, "JPY");

        Assert.Throws<OverflowException>(() => max + Money.Jpy(1));
        Assert.Throws<OverflowException>(() => min - Money.Jpy(1));
        Assert.Throws<OverflowException>(() => max * 2);
        Assert.Throws<OverflowException>(() => min * -1);
    }

    [Fact]
    public void ComparisonWithinACurrency()
    {
        Assert.True(Money.Jpy(100) < Money.Jpy(101));
        Assert.True(Money.Jpy(101) > Money.Jpy(100));
        Assert.True(Money.Jpy(100) <= Money.Jpy(100));
        Assert.True(Money.Jpy(100) >= Money.Jpy(100));
        Assert.False(Money.Jpy(100) > Money.Jpy(100));
        Assert.Equal(0, Money.Usd(1m).CompareTo(new Money(100, "USD")));
        Assert.True(Money.Usd(-1m).CompareTo(Money.Usd(1m)) < 0);
    }

    [Theory]
    [InlineData(123_450, "USD", "USD 1,234.50")]
    [InlineData(100, "JPY", "JPY 100")]
    [InlineData(1_234_567, "JPY", "JPY 1,234,567")]
    [InlineData(0, "USD", "USD 0.00")]
    [InlineData(5, "EUR", "EUR 0.05")]
    [InlineData(-123_450, "USD", "USD -1,234.50")]
    [InlineData(1_500, "BHD", "BHD 1.500")]
    public void ToStringIsWhatAnAnalystReads(long minor, string currency, string expected)
    {
        Assert.Equal(expected, new Money(minor, currency).ToString());
    }

    [Fact]
    public void DefaultValueHasAReadableToString()
    {
        Assert.Equal("(no amount)", default(Money).ToString());
    }
}
