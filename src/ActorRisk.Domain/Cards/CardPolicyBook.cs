namespace ActorRisk.Domain.Cards;

/// <summary>
/// The default policy plus overrides per merchant category code and per merchant.
/// Resolution order: default, then the MCC override, then the merchant override (most specific wins).
/// </summary>
public sealed record CardPolicyBook(
    CardVelocityPolicy Default,
    ImmutableDictionary<string, CardPolicyOverride> ByMcc,
    ImmutableDictionary<string, CardPolicyOverride> ByMerchant)
{
    public static CardPolicyBook Standard { get; } = new(
        CardVelocityPolicy.Default,
        ImmutableDictionary<string, CardPolicyOverride>.Empty,
        ImmutableDictionary<string, CardPolicyOverride>.Empty);

    public CardVelocityPolicy Resolve(string merchantId, string? mcc)
    {
        var policy = Default;
        if (mcc is not null && ByMcc.TryGetValue(mcc, out var mccOverride))
        {
            policy = mccOverride.ApplyTo(policy);
        }

        if (ByMerchant.TryGetValue(merchantId, out var merchantOverride))
        {
            policy = merchantOverride.ApplyTo(policy);
        }

        return policy;
    }

    public CardPolicyBook WithMerchantOverride(string merchantId, CardPolicyOverride policyOverride) =>
        this with { ByMerchant = ByMerchant.SetItem(merchantId, policyOverride) };

    public CardPolicyBook WithMccOverride(string mcc, CardPolicyOverride policyOverride) =>
        this with { ByMcc = ByMcc.SetItem(mcc, policyOverride) };
}
