namespace ActorRisk.Grains.Cards;

/// <summary>Resolves the card velocity policy for a merchant (default, then MCC override, then merchant override).</summary>
public interface ICardPolicySource
{
    CardVelocityPolicy Resolve(string merchantId, string? mcc);
}

/// <summary>
/// The policy book held in memory; replaced as a whole when an admin edits it, so readers never see half an edit.
/// Merchants under card-testing lockdown (set by their merchant grain) get <see cref="CardTestingLockdown"/> on
/// top of their policy until the lockdown ends.
/// </summary>
public sealed class CardPolicyStore(CardPolicyBook initial, TimeProvider? clock = null) : ICardPolicySource
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private CardPolicyBook book = initial;
    private ImmutableDictionary<string, DateTimeOffset> lockdowns = ImmutableDictionary<string, DateTimeOffset>.Empty.WithComparers(StringComparer.Ordinal);

    public CardPolicyBook Book => Volatile.Read(ref book);

    public CardVelocityPolicy Resolve(string merchantId, string? mcc)
    {
        var policy = Book.Resolve(merchantId, mcc);
        return LockdownUntil(merchantId) is { } until && until > clock.GetUtcNow() ? CardTestingLockdown.ApplyTo(policy) : policy;
    }

    public void Replace(CardPolicyBook next) => Volatile.Write(ref book, next);

    public DateTimeOffset? LockdownUntil(string merchantId) =>
        Volatile.Read(ref lockdowns).TryGetValue(merchantId, out var until) ? until : null;

    /// <summary>Puts a merchant under card-testing lockdown until <paramref name="until"/> (null lifts it).</summary>
    public void SetLockdown(string merchantId, DateTimeOffset? until) =>
        ImmutableInterlocked.Update(ref lockdowns, (current, arg) => arg.until is { } u ? current.SetItem(arg.merchantId, u) : current.Remove(arg.merchantId), (merchantId, until));
}
