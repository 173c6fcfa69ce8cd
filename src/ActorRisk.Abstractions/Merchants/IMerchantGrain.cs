namespace ActorRisk.Abstractions.Merchants;

/// <summary>
/// One merchant (keyed by merchant id): this month's sales, disputes and fraud reports per network, the card
/// networks' monitoring programs it is in, fines, early warnings, and 24 closed months.
/// </summary>
[Alias("actorrisk.merchant")]
public interface IMerchantGrain : IGrainWithStringKey
{
    /// <summary>Counts a settlement batch, dispute or fraud report once, however often its id is sent.</summary>
    [Alias("record")]
    Task<IngestionReceipt> RecordAsync(MerchantEvent record);

    /// <summary>Closes every open month up to and including <paramref name="month"/> (in order; empty months too).</summary>
    [Alias("close-month")]
    Task<MonthCloseResult> CloseMonthAsync(YearMonth month);

    [Alias("get"), ReadOnly]
    Task<MerchantSnapshot> GetAsync();

    [Alias("set-profile")]
    Task<MerchantSnapshot> SetProfileAsync(MerchantProfileUpdate update);

    /// <summary>Authorizations counted by card grains since the last drain: month counts and the card-testing signal. Idempotent by batch id.</summary>
    [Alias("record-authorizations")]
    Task RecordAuthorizationsAsync(AuthorizationActivity activity);
}
