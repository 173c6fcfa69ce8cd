namespace ActorRisk.Grains.Merchants;

/// <summary>
/// What a merchant grain writes on every ingested record: its profile, the months still open (the running month,
/// and the previous one during the close grace period), and counts of records that arrived after their month
/// closed. Closed months live in <see cref="MerchantHistoryState"/>, written only at month close, so the common
/// write stays small.
/// </summary>
public sealed record MerchantGrainState
{
    public MerchantProfile? Profile { get; init; }

    /// <summary>Open months, oldest first.</summary>
    public ImmutableArray<MerchantMonthLedger> OpenMonths { get; init; } = [];

    /// <summary>Late records per closed month, oldest first (as many months as the history keeps).</summary>
    public ImmutableArray<LateRecords> Late { get; init; } = [];

    public CardTestingWatch CardTesting { get; init; } = CardTestingWatch.Empty;
}

/// <summary>
/// The merchant-level card-testing signal: distinct cards with small authorizations per minute (fingerprints, a
/// bounded number per minute) over the recent window, and the lockdown the signal set, if any.
/// </summary>
public sealed record CardTestingWatch(ImmutableArray<SmallAuthorizationMinute> Minutes, DateTimeOffset? LockdownUntil)
{
    public const int MaxCardsPerMinute = 1_000;

    public static CardTestingWatch Empty { get; } = new([], null);

    public int DistinctCards => Minutes.SelectMany(m => m.Cards).Distinct().Count();

    /// <summary>Adds a drain's cards at <paramref name="at"/> and forgets minutes that left the window.</summary>
    public CardTestingWatch Add(DateTimeOffset at, ImmutableArray<uint> cards, TimeSpan window)
    {
        var minute = at.ToUnixTimeSeconds() / 60;
        var oldest = minute - (long)Math.Ceiling(window.TotalMinutes) + 1;
        var minutes = Minutes.Where(m => m.Minute >= oldest).ToList();
        if (!cards.IsEmpty && minute >= oldest)
        {
            var index = minutes.FindIndex(m => m.Minute == minute);
            var existing = index >= 0 ? minutes[index].Cards : [];
            var merged = existing.Union(cards).Take(MaxCardsPerMinute).ToImmutableArray();
            if (index >= 0)
            {
                minutes[index] = new SmallAuthorizationMinute(minute, merged);
            }
            else
            {
                minutes.Add(new SmallAuthorizationMinute(minute, merged));
            }
        }

        return this with { Minutes = [.. minutes.OrderBy(m => m.Minute)] };
    }
}

/// <summary>Fingerprints of the cards with small authorizations at the merchant in one minute (minutes since the Unix epoch).</summary>
public sealed record SmallAuthorizationMinute(long Minute, ImmutableArray<uint> Cards);

/// <summary>
/// The merchant's closed months (newest last, bounded) and its program standings after the last of them. It is
/// the truth about closed months: a month found here and still open in <see cref="MerchantGrainState"/> (a
/// close interrupted between the two writes) is dropped from the open months when the grain activates.
/// </summary>
public sealed record MerchantHistoryState
{
    public MerchantProgramState Programs { get; init; } = MerchantProgramState.New;

    public ImmutableArray<ClosedMonth> Months { get; init; } = [];
}
