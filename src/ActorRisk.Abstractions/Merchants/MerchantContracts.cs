namespace ActorRisk.Abstractions.Merchants;

/// <summary>The kinds of records a merchant ingests; each kind has its own id space (request-ledger scope).</summary>
[GenerateSerializer, Alias("actorrisk.merchant-event-kind")]
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
[GenerateSerializer, Immutable, Alias("actorrisk.merchant-event")]
public sealed record MerchantEvent(
    [property: Id(0)] MerchantEventKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] CardNetwork Network,
    [property: Id(3)] DateTimeOffset Date,
    [property: Id(4)] Money Amount,
    [property: Id(5)] long Count = 1,
    [property: Id(6)] bool CardPresent = false,
    [property: Id(7)] long ThreeDsAuthenticated = 0,
    [property: Id(8)] string? ReasonCode = null,
    [property: Id(9)] bool Fraud = false,
    [property: Id(10)] string? CardToken = null,
    [property: Id(11)] bool ResolvedByRdr = false,
    [property: Id(12)] bool CompellingEvidence = false)
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
[GenerateSerializer, Immutable, Alias("actorrisk.ingestion-receipt")]
public sealed record IngestionReceipt(
    [property: Id(0)] MerchantEventKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string MerchantId,
    [property: Id(3)] YearMonth Month,
    [property: Id(4)] bool Late,
    [property: Id(5)] Money AmountUsd,
    [property: Id(6)] DateTimeOffset RecordedAt,
    [property: Id(7)] bool Replayed = false);

/// <summary>The same id came back for another merchant or with different content.</summary>
[GenerateSerializer, Alias("actorrisk.ingestion-conflict")]
public sealed class IngestionConflictException : InvalidOperationException
{
    public IngestionConflictException(MerchantEventKind kind, string id)
        : base($"{MerchantEvent.ScopeOf(kind)} '{id}' was already recorded with different content (merchant, amount, date or other fields differ).")
    {
        Kind = kind;
        Id = id;
    }

    [Id(0)]
    public MerchantEventKind Kind { get; }

    [Id(1)]
    public string Id { get; }
}

/// <summary>A record dated in a month the programs do not cover, or with an amount that cannot be converted or counted.</summary>
[GenerateSerializer, Alias("actorrisk.merchant-event-rejected")]
public sealed class MerchantEventRejectedException : ArgumentException
{
    public MerchantEventRejectedException(string field, string reason)
        : base(reason, field)
    {
        Field = field;
        Reason = reason;
    }

    [Id(0)]
    public string Field { get; }

    /// <summary>The reason alone, as an API error shows it (Message adds the parameter name).</summary>
    [Id(1)]
    public string Reason { get; }
}

/// <summary>What a month close did for one merchant.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.month-close-result")]
public sealed record MonthCloseResult([property: Id(0)] string MerchantId, [property: Id(1)] YearMonth Month, [property: Id(2)] ImmutableArray<YearMonth> ClosedNow, [property: Id(3)] bool AlreadyClosed);

/// <summary>An operator's change to what the programs know about a merchant besides its numbers.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.merchant-profile-update")]
public sealed record MerchantProfileUpdate([property: Id(0)] string? Mcc, [property: Id(1)] bool HighBrandRisk, [property: Id(2)] bool RegulatedMarket);

/// <summary>
/// A closed month as the merchant keeps it (24 months): totals and program results. <see cref="Imported"/>: its totals
/// came from a history import rather than live records.
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.closed-month")]
public sealed record ClosedMonth(
    [property: Id(0)] YearMonth Month,
    [property: Id(1)] MerchantMonthTotals Totals,
    [property: Id(2)] ImmutableArray<ProgramMonthResult> Programs,
    [property: Id(3)] DateTimeOffset ClosedAt,
    [property: Id(4)] bool Imported = false);

/// <summary>Records that arrived after their month closed, counted per closed month.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.late-records")]
public sealed record LateRecords([property: Id(0)] YearMonth Month, [property: Id(1)] long SalesBatches, [property: Id(2)] long Disputes, [property: Id(3)] long FraudReports)
{
    public long Total => SalesBatches + Disputes + FraudReports;
}

/// <summary>Everything the API and portal show about a merchant, read in one turn.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.merchant-snapshot")]
public sealed record MerchantSnapshot(
    [property: Id(0)] string MerchantId,
    [property: Id(1)] MerchantProfile Profile,
    [property: Id(2)] YearMonth Month,
    [property: Id(3)] MerchantMonthTotals Totals,
    [property: Id(4)] MerchantMonthTotals? PreviousMonth,
    [property: Id(5)] YearMonth? LastClosedMonth,
    [property: Id(6)] MerchantProgramState Programs,
    [property: Id(7)] ClosedMonth? LastClose,
    [property: Id(8)] ImmutableArray<ProgramProjection> Projection,
    [property: Id(9)] ImmutableArray<ClosedMonth> History,
    [property: Id(10)] ImmutableArray<LateRecords> Late,
    [property: Id(11)] CardTestingStatus CardTesting,
    [property: Id(12)] bool Known);

/// <summary>The merchant-level card-testing signal as the API shows it.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.card-testing-status")]
public sealed record CardTestingStatus([property: Id(0)] int DistinctCardsInWindow, [property: Id(1)] TimeSpan Window, [property: Id(2)] int Threshold, [property: Id(3)] DateTimeOffset? LockdownUntil, [property: Id(4)] bool LockedDown);
