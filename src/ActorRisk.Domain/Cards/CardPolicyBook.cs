namespace ActorRisk.Domain.Cards;

/// <summary>
/// The default policy plus overrides per merchant category code and per merchant.
/// Resolution order: default, then the MCC override, then the merchant override (most specific wins); a
/// suspended merchant's policy also carries its suspension, which declines every authorization there.
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

    /// <summary>Merchants the acquirer has suspended, by merchant id.</summary>
    public ImmutableDictionary<string, MerchantSuspension> Suspensions { get; init; } = ImmutableDictionary<string, MerchantSuspension>.Empty;

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

        return Suspensions.TryGetValue(merchantId, out var suspension) ? policy with { MerchantSuspension = suspension } : policy;
    }

    /// <summary>Every problem of the default policy and of each override applied to it. Empty means valid.</summary>
    public IReadOnlyList<PolicyValidationError> Validate() =>
        [.. Default.Validate(),
         .. ByMcc.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.Validate(Default).Select(e => e with { Field = $"byMcc.{p.Key}.{e.Field}" })),
         .. ByMerchant.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.Validate(Default).Select(e => e with { Field = $"byMerchant.{p.Key}.{e.Field}" }))];

    public CardPolicyBook WithMerchantOverride(string merchantId, CardPolicyOverride policyOverride) =>
        this with { ByMerchant = ByMerchant.SetItem(merchantId, policyOverride) };

    public CardPolicyBook WithMccOverride(string mcc, CardPolicyOverride policyOverride) =>
        this with { ByMcc = ByMcc.SetItem(mcc, policyOverride) };

    public CardPolicyBook WithSuspension(string merchantId, MerchantSuspension suspension) =>
        this with { Suspensions = Suspensions.SetItem(merchantId, suspension) };

    public CardPolicyBook WithoutSuspension(string merchantId) =>
        Suspensions.ContainsKey(merchantId) ? this with { Suspensions = Suspensions.Remove(merchantId) } : this;
}
