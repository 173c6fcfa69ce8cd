namespace ActorRisk.Abstractions.Merchants;

/// <summary>
/// One merchant (keyed by merchant id): this month's sales, disputes and fraud reports per network, the card
/// networks' monitoring programs it is in, fines, early warnings, and 24 closed months.
/// </summary>
/// <remarks>Version 1 added <see cref="ImportHistoryAsync"/> (tests/ActorRisk.Grains.Tests/References/grain-interfaces.txt).</remarks>
[Alias("actorrisk.merchant"), Orleans.CodeGeneration.Version(1)]
public interface IMerchantGrain : IGrainWithStringKey
{
    /// <summary>Counts a settlement batch, dispute or fraud report once, however often its id is sent.</summary>
    /// <exception cref="IngestionConflictException">The id was recorded with other content.</exception>
    /// <exception cref="MerchantEventRejectedException">The record cannot be counted (date, currency, totals).</exception>
    [Alias("record")]
    Task<IngestionReceipt> RecordAsync(MerchantEvent record);

    /// <summary>
    /// Counts many records in one state write (a nightly file's rows for this merchant), each once however often its id
    /// is sent; each record gets its own outcome, in order, and a refused record changes nothing.
    /// </summary>
    [Alias("record-batch")]
    Task<ImmutableArray<RecordOutcome>> RecordBatchAsync(ImmutableArray<MerchantEvent> records);

    /// <summary>Closes every open month up to and including <paramref name="month"/> (in order; empty months too).</summary>
    [Alias("close-month")]
    Task<MonthCloseResult> CloseMonthAsync(YearMonth month);

    /// <summary>
    /// Imports months before the merchant's first live month and evaluates them in order with the months after them,
    /// as if the merchant had been live all along. The same rows again change nothing; a row with other totals than
    /// before is refused as a conflict unless <see cref="HistoryImport.Replace"/>.
    /// </summary>
    [Alias("import-history")]
    Task<HistoryImportResult> ImportHistoryAsync(HistoryImport import);

    [Alias("get"), ReadOnly]
    Task<MerchantSnapshot> GetAsync();

    [Alias("set-profile")]
    Task<MerchantSnapshot> SetProfileAsync(MerchantProfileUpdate update);

    /// <summary>Authorizations counted by card grains since the last drain: month counts and the card-testing signal. Idempotent by batch id.</summary>
    [Alias("record-authorizations")]
    Task RecordAuthorizationsAsync(AuthorizationActivity activity);
}
