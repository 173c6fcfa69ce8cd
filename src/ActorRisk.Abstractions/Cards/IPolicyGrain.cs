namespace ActorRisk.Abstractions.Cards;

/// <summary>
/// The card policy book as edited by administrators (one grain, key <see cref="SingletonKey"/>): stored with the grain
/// state, so edits survive restarts, and applied to every silo's policy store when saved or when the grain activates.
/// </summary>
[Alias("actorrisk.policy")]
public interface IPolicyGrain : IGrainWithStringKey
{
    public const string SingletonKey = "card-policies";

    [Alias("get"), ReadOnly]
    Task<CardPolicyBook> GetAsync();

    /// <summary>Replaces the velocity policies (default and overrides); the book's suspensions are kept as stored.</summary>
    [Alias("save")]
    Task<CardPolicyBook> SaveAsync(CardPolicyBook book);

    /// <summary>Suspends a merchant (or updates its suspension's reason): applies at once to every authorization there.</summary>
    [Alias("suspend-merchant")]
    Task<CardPolicyBook> SuspendMerchantAsync(MerchantSuspensionCommand command);

    /// <summary>Lifts a merchant's suspension; nothing happens for a merchant that is not suspended.</summary>
    [Alias("reinstate-merchant")]
    Task<CardPolicyBook> ReinstateMerchantAsync(string merchantId);
}

/// <summary>Suspend one merchant, with who and why.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.merchant-suspension-command")]
public sealed record MerchantSuspensionCommand([property: Id(0)] string MerchantId, [property: Id(1)] MerchantSuspension Suspension);
