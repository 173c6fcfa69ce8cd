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
}

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
