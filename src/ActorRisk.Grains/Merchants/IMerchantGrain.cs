namespace ActorRisk.Grains.Merchants;

/// <summary>
/// One merchant (keyed by merchant id): this month's sales, disputes and fraud reports per network, the card
/// networks' monitoring programs it is in, fines, early warnings, and 24 closed months.
/// </summary>
public interface IMerchantGrain : IGrainWithStringKey
{
    /// <summary>Counts a settlement batch, dispute or fraud report once, however often its id is sent.</summary>
    Task<IngestionReceipt> RecordAsync(MerchantEvent record);

    /// <summary>Closes every open month up to and including <paramref name="month"/> (in order; empty months too).</summary>
    Task<MonthCloseResult> CloseMonthAsync(YearMonth month);

    Task<MerchantSnapshot> GetAsync();

    Task<MerchantSnapshot> SetProfileAsync(MerchantProfileUpdate update);

    /// <summary>Authorizations counted by card grains since the last drain: month counts and the card-testing signal. Idempotent by batch id.</summary>
    Task RecordAuthorizationsAsync(AuthorizationActivity activity);
}

/// <summary>The typed reference of <see cref="IMerchantGrain"/> (hand-written; see docs/runtime.md).</summary>
public sealed class MerchantGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IMerchantGrain
{
    private static readonly GrainMethod<IMerchantGrain, MerchantEvent, IngestionReceipt> Record =
        new(nameof(RecordAsync), static (grain, record) => grain.RecordAsync(record));

    private static readonly GrainMethod<IMerchantGrain, YearMonth, MonthCloseResult> Close =
        new(nameof(CloseMonthAsync), static (grain, month) => grain.CloseMonthAsync(month));

    private static readonly GrainMethod<IMerchantGrain, NoArgs, MerchantSnapshot> Get =
        new(nameof(GetAsync), static (grain, _) => grain.GetAsync(), readOnly: true);

    private static readonly GrainMethod<IMerchantGrain, MerchantProfileUpdate, MerchantSnapshot> Profile =
        new(nameof(SetProfileAsync), static (grain, update) => grain.SetProfileAsync(update));

    private static readonly GrainMethod<IMerchantGrain, AuthorizationActivity, bool> Authorizations =
        new(nameof(RecordAuthorizationsAsync), static async (grain, activity) =>
        {
            await grain.RecordAuthorizationsAsync(activity);
            return true;
        });

    public Task<IngestionReceipt> RecordAsync(MerchantEvent record) => InvokeAsync(Record, record);

    public Task RecordAuthorizationsAsync(AuthorizationActivity activity) => InvokeAsync(Authorizations, activity);

    public Task<MonthCloseResult> CloseMonthAsync(YearMonth month) => InvokeAsync(Close, month);

    public Task<MerchantSnapshot> GetAsync() => InvokeAsync(Get);

    public Task<MerchantSnapshot> SetProfileAsync(MerchantProfileUpdate update) => InvokeAsync(Profile, update);
}
