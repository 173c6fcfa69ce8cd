namespace ActorRisk.Domain.Tests.Values;

public sealed class Iso4217Tests
{
    [Theory]
    [InlineData("JPY", 0, 1)]
    [InlineData("KRW", 0, 1)]
    [InlineData("USD", 2, 100)]
    [InlineData("EUR", 2, 100)]
    [InlineData("BHD", 3, 1_000)]
    [InlineData("KWD", 3, 1_000)]
    public void KnowsMinorUnitDigits(string code, int digits, long perMajor)
    {
        var info = Iso4217.Get(code);

        Assert.Equal(code, info.Code);
        Assert.Equal(digits, info.MinorUnitDigits);
        Assert.Equal(perMajor, info.MinorUnitsPerMajor);
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("jpy")]
    [InlineData("Usd")]
    [InlineData("ABC")]
    [InlineData("US")]
    [InlineData("")]
    [InlineData(null)]
    public void LowerCaseAndUnknownCodesAreRejected(string? code)
    {
        Assert.False(Iso4217.TryGet(code, out var info));
        Assert.Equal(default, info);
        var error = Assert.Throws<UnknownCurrencyException>(() => Iso4217.Get(code));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void AllCodesAreDistinctUpperCaseAndHaveSupportedDigits()
    {
        var all = Iso4217.All.ToList();

        Assert.NotEmpty(all);
        Assert.Equal(all.Count, all.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, c =>
        {
            Assert.Equal(3, c.Code.Length);
            Assert.True(c.Code.All(char.IsAsciiLetterUpper), c.Code);
            Assert.InRange(c.MinorUnitDigits, 0, 3);
            Assert.True(Iso4217.TryGet(c.Code, out var found));
            Assert.Equal(c, found);
        });
    }

    [Fact]
    public void UnsupportedDigitCountIsRefused()
    {
        var odd = new CurrencyInfo("XXX", 4);
        Assert.Throws<InvalidOperationException>(() => odd.MinorUnitsPerMajor);
    }
}
