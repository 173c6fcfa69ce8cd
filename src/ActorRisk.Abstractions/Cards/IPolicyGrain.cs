namespace ActorRisk.Abstractions.Cards;

/// <summary>
/// The card policy book as edited by administrators, and the merchants under card-testing lockdown (one grain, key
/// <see cref="SingletonKey"/>): stored with the grain state, so edits survive restarts. Every silo's policy store asks
/// for a newer revision each second (<see cref="GetIfNewerAsync"/>), so a change made through any silo applies on all.
/// </summary>
[Alias("actorrisk.policy")]
public interface IPolicyGrain : IGrainWithStringKey
{
    public const string SingletonKey = "card-policies";

    [Alias("get"), ReadOnly]
    Task<CardPolicyBook> GetAsync();

    /// <summary>The book and lockdowns when their revision is newer than <paramref name="revision"/>; null when not.</summary>
    [Alias("get-if-newer"), ReadOnly]
    Task<PolicySnapshot?> GetIfNewerAsync(long revision);

    /// <summary>
    /// Records that a merchant's small authorizations are capped until <paramref name="until"/> (card testing seen by
    /// its merchant grain), so card grains on every silo apply it; an earlier end than the one recorded changes nothing.
    /// </summary>
    [Alias("lock-down-merchant")]
    Task LockDownMerchantAsync(string merchantId, DateTimeOffset until);

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

/// <summary>A merchant whose small authorizations are capped until <see cref="Until"/> (card-testing lockdown).</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.merchant-lockdown")]
public sealed record MerchantLockdown([property: Id(0)] string MerchantId, [property: Id(1)] DateTimeOffset Until);

/// <summary>The policy grain's state at one revision: what every silo's policy store applies.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.policy-snapshot")]
public sealed record PolicySnapshot(
    [property: Id(0)] long Revision,
    [property: Id(1)] CardPolicyBook? Book,
    [property: Id(2)] ImmutableArray<MerchantLockdown> Lockdowns);
