using ActorRisk.Grains.Idempotency;

namespace ActorRisk.Grains.Merchants;

/// <summary>
/// What a merchant grain writes on every ingested record: its profile, the months still open (the running month,
/// and the previous one during the close grace period), and counts of records that arrived after their month
/// closed. Closed months live in <see cref="MerchantHistoryState"/>, written only at month close, so the common
/// write stays small. The records and activity batches it answered are kept here too, written by the same write as
/// the counts they changed (see <see cref="AnsweredRequests"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.merchant-state")]
public sealed record MerchantGrainState
{
    [Id(0)]
    public MerchantProfile? Profile { get; init; }

    /// <summary>Open months, oldest first.</summary>
    [Id(1)]
    public ImmutableArray<MerchantMonthLedger> OpenMonths { get; init; } = [];

    /// <summary>Late records per closed month, oldest first (as many months as the history keeps).</summary>
    [Id(2)]
    public ImmutableArray<LateRecords> Late { get; init; } = [];

    [Id(3)]
    public CardTestingWatch CardTesting { get; init; } = CardTestingWatch.Empty;

    /// <summary>Settlement batches, disputes and fraud reports answered within the retention period, oldest first.</summary>
    [Id(4)]
    public ImmutableArray<AnsweredRequest<IngestionReceipt>> Answered { get; init; } = [];

    /// <summary>Authorization activity batches counted recently (<see cref="MerchantGrain.ActivityBatchRetention"/>), oldest first.</summary>
    [Id(5)]
    public ImmutableArray<AnsweredRequest<bool>> ActivityBatches { get; init; } = [];
}

/// <summary>
/// The merchant-level card-testing signal: distinct cards with small authorizations per minute (fingerprints, a
/// bounded number per minute) over the recent window, and the lockdown the signal set, if any.
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.card-testing-watch")]
public sealed record CardTestingWatch([property: Id(0)] ImmutableArray<SmallAuthorizationMinute> Minutes, [property: Id(1)] DateTimeOffset? LockdownUntil)
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
[GenerateSerializer, Immutable, Alias("actorrisk.small-authorization-minute")]
public sealed record SmallAuthorizationMinute([property: Id(0)] long Minute, [property: Id(1)] ImmutableArray<uint> Cards);

/// <summary>
/// The merchant's closed months (newest last, bounded) and its program standings after the last of them. It is
/// the truth about closed months: a month found here and still open in <see cref="MerchantGrainState"/> (a
/// close interrupted between the two writes) is dropped from the open months when the grain activates.
/// Imported months are kept whole, beyond the bounded history, so a replaced month can be evaluated again from the
/// first one.
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.merchant-history-state")]
public sealed record MerchantHistoryState
{
    [Id(0)]
    public MerchantProgramState Programs { get; init; } = MerchantProgramState.New;

    [Id(1)]
    public ImmutableArray<ClosedMonth> Months { get; init; } = [];

    /// <summary>Every imported month and network, oldest first.</summary>
    [Id(2)]
    public ImmutableArray<ImportedMonth> Imported { get; init; } = [];

    /// <summary>
    /// The first month that closed with live records, kept here because the bounded history forgets it: history may be
    /// imported only before it.
    /// </summary>
    [Id(3)]
    public YearMonth? FirstLiveMonth { get; init; }
}

/// <summary>
/// One imported month on one network: its totals as the programs read them (USD), and a fingerprint of the row as it
/// was sent, so the same row again is recognised whatever the exchange rates are by then.
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.imported-month")]
public sealed record ImportedMonth(
    [property: Id(0)] YearMonth Month,
    [property: Id(1)] CardNetwork Network,
    [property: Id(2)] NetworkMonthTotals Totals,
    [property: Id(3)] string Fingerprint,
    [property: Id(4)] DateTimeOffset ImportedAt);
