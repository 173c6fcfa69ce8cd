namespace ActorRisk.Domain.Values;

/// <summary>A calendar month in UTC ("2025-03"): the unit of every card-network monitoring program.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(YearMonthJsonConverter))]
public readonly record struct YearMonth : IComparable<YearMonth>
{
    public YearMonth(int year, int month)
    {
        if (year is < 1 or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "Year must be between 1 and 9998.");
        }

        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "Month must be between 1 and 12.");
        }

        Year = year;
        Month = month;
    }

    /// <summary>The first month there is.</summary>
    public static YearMonth MinValue { get; } = new(1, 1);

    /// <summary>The last month there is: its end (9999-01-01) is still an instant, so it can be compared with the clock.</summary>
    public static YearMonth MaxValue { get; } = new(9998, 12);

    public int Year { get; }

    public int Month { get; }

    public static YearMonth Of(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new YearMonth(utc.Year, utc.Month);
    }

    public static YearMonth Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a month in the form yyyy-MM.");

    public static bool TryParse(string? text, out YearMonth value)
    {
        value = default;
        if (text is not { Length: 7 } || text[4] != '-')
        {
            return false;
        }

        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year < 1 || year > 9998 || month < 1 || month > 12)
        {
            return false;
        }

        value = new YearMonth(year, month);
        return true;
    }

    /// <summary>First instant of the month, UTC.</summary>
    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>First instant after the month (exclusive end), UTC. Representable for the last month too (9998-12).</summary>
    public DateTimeOffset End => Start.AddMonths(1);

    public int Days => DateTime.DaysInMonth(Year, Month);

    public TimeSpan Length => End - Start;

    public YearMonth Next() => AddMonths(1);

    public YearMonth Previous() => AddMonths(-1);

    public YearMonth AddMonths(int months)
    {
        var index = checked((Year * 12) + (Month - 1) + months);
        return new YearMonth(index / 12, (index % 12) + 1);
    }

    /// <summary>Whole months from <paramref name="earlier"/> to this month (2025-03 minus 2025-01 is 2).</summary>
    public int MonthsSince(YearMonth earlier) => ((Year - earlier.Year) * 12) + (Month - earlier.Month);

    public bool Contains(DateTimeOffset instant) => Of(instant) == this;

    public int CompareTo(YearMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public static bool operator <(YearMonth left, YearMonth right) => left.CompareTo(right) < 0;

    public static bool operator >(YearMonth left, YearMonth right) => left.CompareTo(right) > 0;

    public static bool operator <=(YearMonth left, YearMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >=(YearMonth left, YearMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
