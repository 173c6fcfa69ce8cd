using ActorRisk.ReadModels.Audit;

namespace ActorRisk.Api.Merchants;

/// <summary>
/// An operator's suspension or reinstatement of a merchant, from the API or the portal: audited before it happens,
/// then carried out by the policy grain, so it applies to the next authorization at that merchant.
/// </summary>
public sealed class MerchantOperations(IGrainFactory grains, IAuditLog audit, TimeProvider clock)
{
    public const string SuspendAction = "merchant.suspend";
    public const string ReinstateAction = "merchant.reinstate";

    private IPolicyGrain Policies => grains.GetGrain<IPolicyGrain>(IPolicyGrain.SingletonKey);

    public async Task<MerchantSuspension> SuspendAsync(string merchantId, string reason, string actor)
    {
        var now = clock.GetUtcNow();
        await audit.AppendAsync(new AuditEntry(Guid.NewGuid(), now, actor, SuspendAction, merchantId, reason));
        var suspension = new MerchantSuspension(reason, actor, now);
        await Policies.SuspendMerchantAsync(new MerchantSuspensionCommand(merchantId, suspension));
        return suspension;
    }

    public async Task ReinstateAsync(string merchantId, string reason, string actor)
    {
        await audit.AppendAsync(new AuditEntry(Guid.NewGuid(), clock.GetUtcNow(), actor, ReinstateAction, merchantId, reason));
        await Policies.ReinstateMerchantAsync(merchantId);
    }
}
