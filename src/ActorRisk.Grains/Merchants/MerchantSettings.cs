namespace ActorRisk.Grains.Merchants;

/// <summary>
/// How merchant grains count and close months. <see cref="MonthCloseGrace"/>: a month closes this long after it
/// ends, so disputes dated in its last days still count in it. <see cref="Rates"/>: USD per major unit of each
/// accepted currency (Visa's thresholds and fines are in USD). <see cref="EarliestMonth"/>: records dated before
/// it are refused (the rulebook starts there).
/// </summary>
public sealed record MerchantSettings
{
    public static readonly YearMonth RulebookStart = new(2020, 1);

    public TimeSpan MonthCloseGrace { get; init; } = TimeSpan.FromDays(3);

    public ExchangeRateTable Rates { get; init; } = ExchangeRateTable.UsdOnly;

    public int HistoryMonths { get; init; } = 24;

    public YearMonth EarliestMonth { get; init; } = RulebookStart;

    /// <summary>Card testing at the merchant: this many distinct cards with small authorizations within <see cref="CardTestingWindow"/>.</summary>
    public int CardTestingDistinctCards { get; init; } = 10;

    public TimeSpan CardTestingWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the stricter card policy (<see cref="CardTestingLockdown"/>) lasts after the signal, extended while it persists.</summary>
    public TimeSpan CardTestingLockdown { get; init; } = TimeSpan.FromHours(24);

    /// <summary>When <paramref name="month"/> closes on its own (its end plus the grace period).</summary>
    public DateTimeOffset ClosesAt(YearMonth month) => month.End + MonthCloseGrace;
}
