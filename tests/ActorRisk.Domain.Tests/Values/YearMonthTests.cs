namespace ActorRisk.Domain.Tests.Values;

public sealed class YearMonthTests
{
    [Theory]
    [InlineData("2025-03", 2025, 3)]
    [InlineData("2024-12", 2024, 12)]
    [InlineData("0001-01", 1, 1)]
    [InlineData("9998-12", 9998, 12)]
    public void ParsesGoodInput(string text, int year, int month)
    {
        Assert.True(YearMonth.TryParse(text, out var parsed));
        Assert.Equal(new YearMonth(year, month), parsed);
        Assert.Equal(new YearMonth(year, month), YearMonth.Parse(text));
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-00")]
    [InlineData("2025-1")]
    [InlineData("25-01")]
    [InlineData("abcd-ef")]
    [InlineData("2025/03")]
    [InlineData("2025-03-01")]
    [InlineData("0000-01")]
    [InlineData("9999-01")]
    [InlineData("+025-01")]
    [InlineData("-025-01")]
    [InlineData("2025- 3")]
    [InlineData(" 2025-03")]
    [InlineData("2025-+3")]
    [InlineData("\uFF12\uFF10\uFF12\uFF15-\uFF10\uFF13")] // full-width digits
    [InlineData("")]
    [InlineData(null)]
    public void RejectsBadInput(string? text)
    {
        Assert.False(YearMonth.TryParse(text, out var parsed));
        Assert.Equal(default, parsed);
        Assert.Throws<FormatException>(() => YearMonth.Parse(text!));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(9999, 1)]
    [InlineData(2025, 0)]
    [InlineData(2025, 13)]
    public void ConstructorRejectsOutOfRangeParts(int year, int month)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new YearMonth(year, month));
    }

    [Theory]
    [InlineData("2025-01", -1, "2024-12")]
    [InlineData("2025-01", -13, "2023-12")]
    [InlineData("2025-01", -12, "2024-01")]
    [InlineData("2024-12", 1, "2025-01")]
    [InlineData("2024-11", 14, "2026-01")]
    [InlineData("2025-03", 0, "2025-03")]
    [InlineData("2025-03", 24, "2027-03")]
    [InlineData("2025-03", -27, "2022-12")]
    public void AddMonthsCrossesYearBoundariesBothWays(string start, int months, string expected)
    {
        Assert.Equal(YearMonth.Parse(expected), YearMonth.Parse(start).AddMonths(months));
    }

    [Fact]
    public void NextAndPreviousWrapTheYear()
    {
        Assert.Equal(new YearMonth(2026, 1), new YearMonth(2025, 12).Next());
        Assert.Equal(new YearMonth(2024, 12), new YearMonth(2025, 1).Previous());
    }

    [Fact]
    public void AddMonthsOutsideTheSupportedYearsThrows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new YearMonth(1, 1).Previous());
        Assert.Throws<ArgumentOutOfRangeException>(() => new YearMonth(9998, 12).AddMonths(13));
    }

    [Fact]
    public void TheFirstAndLastMonthsHaveAStartAndAnEnd()
    {
        Assert.Equal(new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), YearMonth.MinValue.Start);
        Assert.Equal(new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero), YearMonth.MaxValue.End);
        Assert.Equal(31, YearMonth.MaxValue.Days);
        Assert.Equal(TimeSpan.FromDays(31), YearMonth.MaxValue.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => YearMonth.MaxValue.Next());
    }

    [Theory]
    [InlineData("2025-03", "2025-01", 2)]
    [InlineData("2025-01", "2024-12", 1)]
    [InlineData("2025-01", "2024-01", 12)]
    [InlineData("2025-01", "2025-03", -2)]
    [InlineData("2025-06", "2025-06", 0)]
    [InlineData("2026-02", "2024-11", 15)]
    public void MonthsSinceCountsWholeMonths(string later, string earlier, int expected)
    {
        Assert.Equal(expected, YearMonth.Parse(later).MonthsSince(YearMonth.Parse(earlier)));
    }

    [Fact]
    public void MonthsSinceIsTheInverseOfAddMonths()
    {
        var start = new YearMonth(2023, 7);
        for (var n = -30; n <= 30; n++)
        {
            Assert.Equal(n, start.AddMonths(n).MonthsSince(start));
        }
    }

    [Fact]
    public void StartEndAndDaysOfLeapFebruary()
    {
        var february = new YearMonth(2024, 2);

        Assert.Equal(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), february.Start);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), february.End);
        Assert.Equal(29, february.Days);
        Assert.Equal(TimeSpan.FromDays(29), february.Length);
        Assert.Equal(TimeSpan.Zero, february.Start.Offset);
    }

    [Theory]
    [InlineData(2025, 2, 28)]
    [InlineData(2100, 2, 28)]
    [InlineData(2000, 2, 29)]
    [InlineData(2025, 4, 30)]
    [InlineData(2025, 12, 31)]
    public void DaysPerMonth(int year, int month, int days)
    {
        var value = new YearMonth(year, month);
        Assert.Equal(days, value.Days);
        Assert.Equal(TimeSpan.FromDays(days), value.Length);
    }

    [Fact]
    public void DecemberEndsAtTheNextJanuary()
    {
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new YearMonth(2025, 12).End);
    }

    [Fact]
    public void OfUsesUtcNotTheLocalOffset()
    {
        var tokyo = TimeSpan.FromHours(9);

        // 2025-03-31T23:30+09:00 is 2025-03-31T14:30Z.
        Assert.Equal(new YearMonth(2025, 3), YearMonth.Of(new DateTimeOffset(2025, 3, 31, 23, 30, 0, tokyo)));

        // 2025-04-01T08:00+09:00 is still March in UTC (2025-03-31T23:00Z).
        Assert.Equal(new YearMonth(2025, 3), YearMonth.Of(new DateTimeOffset(2025, 4, 1, 8, 0, 0, tokyo)));

        // 2025-04-01T09:00+09:00 is exactly 2025-04-01T00:00Z.
        Assert.Equal(new YearMonth(2025, 4), YearMonth.Of(new DateTimeOffset(2025, 4, 1, 9, 0, 0, tokyo)));

        // A negative offset can move an instant into the next month.
        Assert.Equal(new YearMonth(2025, 4), YearMonth.Of(new DateTimeOffset(2025, 3, 31, 20, 0, 0, TimeSpan.FromHours(-5))));
    }

    [Fact]
    public void ContainsIsHalfOpen()
    {
        var march = new YearMonth(2025, 3);

        Assert.True(march.Contains(march.Start));
        Assert.True(march.Contains(march.End.AddTicks(-1)));
        Assert.False(march.Contains(march.End));
        Assert.False(march.Contains(march.Start.AddTicks(-1)));
        Assert.True(march.Contains(new DateTimeOffset(2025, 4, 1, 8, 59, 59, TimeSpan.FromHours(9))));
    }

    [Fact]
    public void OrdersChronologically()
    {
        var a = new YearMonth(2024, 12);
        var b = new YearMonth(2025, 1);
        var c = new YearMonth(2025, 2);

        Assert.True(a < b);
        Assert.True(c > b);
        Assert.True(a <= new YearMonth(2024, 12));
        Assert.True(c >= b);
        Assert.Equal(new[] { a, b, c }, new[] { c, a, b }.Order());
    }

    [Fact]
    public void ToStringPadsYearAndMonth()
    {
        Assert.Equal("0042-07", new YearMonth(42, 7).ToString());
    }
}
