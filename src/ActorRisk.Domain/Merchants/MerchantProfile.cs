namespace ActorRisk.Domain.Merchants;

/// <summary>
/// What the programs need to know about a merchant besides its numbers.
/// <see cref="RegulatedMarket"/>: strong customer authentication applies (EEA, UK), which moves EFM's
/// 3-D Secure threshold from 10% to 50%.
/// </summary>
public sealed record MerchantProfile(
    string MerchantId,
    string? Mcc = null,
    bool HighBrandRisk = false,
    bool RegulatedMarket = false)
{
    /// <summary>Visa's high-brand-risk merchant category codes; a profile can also be flagged explicitly.</summary>
    public static ImmutableHashSet<string> HighBrandRiskMccs { get; } =
        ["4816", "5122", "5912", "5962", "5966", "5967", "5993", "6051", "7273", "7995"];

    public bool IsHighBrandRisk => HighBrandRisk || (Mcc is not null && HighBrandRiskMccs.Contains(Mcc));
}
