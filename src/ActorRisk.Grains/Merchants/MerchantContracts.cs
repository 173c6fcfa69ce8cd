namespace ActorRisk.Grains.Merchants;

/// <summary>The kinds of records a merchant ingests; each kind has its own id space (request-ledger scope).</summary>
public enum MerchantEventKind
{
    /// <summary>A settlement batch: many sales in one record.</summary>
    Sales,

    /// <summary>A dispute (Visa TC15) or chargeback (Mastercard).</summary>
    Dispute,

    /// <summary>An issuer fraud report (Visa TC40, Mastercard SAFE).</summary>
    FraudReport,
}

/// <summary>
/// One ingested record, as the API parses it. <see cref="Date"/> places it in a UTC month. Amounts are in the
/// record's currency and converted to USD by the merchant grain with the configured rates.
/// </summary>
public sealed record MerchantEvent(
    MerchantEventKind Kind,
    string Id,
    CardNetwork Network,
    DateTimeOffset Date,
    Money Amount,
    long Count = 1,
    bool CardPresent = false,
    long ThreeDsAuthenticated = 0,
    string? ReasonCode = null,
    bool Fraud = false,
    string? CardToken = null,
    bool ResolvedByRdr = false,
    bool CompellingEvidence = false)
{
    public YearMonth Month => YearMonth.Of(Date);

    /// <summary>The request-ledger scope of this kind's ids.</summary>
    public string Scope => ScopeOf(Kind);

    public static string ScopeOf(MerchantEventKind kind) => kind switch
    {
        MerchantEventKind.Sales => "sales-batch",
        MerchantEventKind.Dispute => "dispute",
        MerchantEventKind.FraudReport => "fraud-report",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>
/// What ingesting a record did. <see cref="Late"/>: the record is dated in a month already closed (on demand, or
/// because its end plus the grace period has passed), so it is kept (and reported with that month) but changes no
/// program result. <see cref="Replayed"/>: the id was seen before;
/// this is the first answer again and nothing was counted twice.
/// </summary>
public sealed record IngestionReceipt(
    MerchantEventKind Kind,
    string Id,
    string MerchantId,
    YearMonth Month,
    bool Late,
    Money AmountUsd,
    DateTimeOffset RecordedAt,
    bool Replayed = false);

/// <summary>The answer kept in the request ledger: the receipt and a fingerprint of the record it answered.</summary>
public sealed record AnsweredIngestion(string Fingerprint, IngestionReceipt Receipt);

/// <summary>The same id came back for another merchant or with different content.</summary>
public sealed class IngestionConflictException(MerchantEventKind kind, string id)
    : InvalidOperationException($"{MerchantEvent.ScopeOf(kind)} '{id}' was already recorded with different content (merchant, amount, date or other fields differ).")
{
    public MerchantEventKind Kind { get; } = kind;

    public string Id { get; } = id;
}

/// <summary>A record dated in a month the programs do not cover, or with an amount that cannot be converted.</summary>
public sealed class MerchantEventRejectedException(string field, string reason) : ArgumentException(reason, field)
{
    public string Field { get; } = field;

    /// <summary>The reason alone, as an API error shows it (Message adds the parameter name).</summary>
    public string Reason { get; } = reason;
}

/// <summary>What a month close did for one merchant.</summary>
public sealed record MonthCloseResult(string MerchantId, YearMonth Month, ImmutableArray<YearMonth> ClosedNow, bool AlreadyClosed);

/// <summary>An operator's change to what the programs know about a merchant besides its numbers.</summary>
public sealed record MerchantProfileUpdate(string? Mcc, bool HighBrandRisk, bool RegulatedMarket);

/// <summary>A closed month as the merchant keeps it (24 months): totals, program results and late records.</summary>
public sealed record ClosedMonth(
    YearMonth Month,
    MerchantMonthTotals Totals,
    ImmutableArray<ProgramMonthResult> Programs,
    DateTimeOffset ClosedAt);

/// <summary>Records that arrived after their month closed, counted per closed month.</summary>
public sealed record LateRecords(YearMonth Month, long SalesBatches, long Disputes, long FraudReports)
{
    public long Total => SalesBatches + Disputes + FraudReports;
}

/// <summary>Everything the API and portal show about a merchant, read in one turn.</summary>
public sealed record MerchantSnapshot(
    string MerchantId,
    MerchantProfile Profile,
    YearMonth Month,
    MerchantMonthTotals Totals,
    MerchantMonthTotals? PreviousMonth,
    YearMonth? LastClosedMonth,
    MerchantProgramState Programs,
    ClosedMonth? LastClose,
    ImmutableArray<ProgramProjection> Projection,
    ImmutableArray<ClosedMonth> History,
    ImmutableArray<LateRecords> Late,
    CardTestingStatus CardTesting,
    bool Known);

/// <summary>The merchant-level card-testing signal as the API shows it.</summary>
public sealed record CardTestingStatus(int DistinctCardsInWindow, TimeSpan Window, int Threshold, DateTimeOffset? LockdownUntil, bool LockedDown);
