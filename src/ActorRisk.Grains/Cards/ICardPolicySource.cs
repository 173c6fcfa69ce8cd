namespace ActorRisk.Grains.Cards;

/// <summary>Resolves the card velocity policy for a merchant (default, then MCC override, then merchant override).</summary>
public interface ICardPolicySource
{
    CardVelocityPolicy Resolve(string merchantId, string? mcc);
}

/// <summary>
/// The policy book held in memory on every silo; replaced as a whole when a newer revision of the policy grain arrives
/// (<see cref="Apply"/>), so readers never see half an edit and never an older book after a newer one. Merchants under
/// card-testing lockdown get <see cref="CardTestingLockdown"/> on top of their policy until the lockdown ends: the
/// cluster's lockdowns come with the policy grain's revisions, and a merchant grain sets its own here at once
/// (<see cref="SetLockdown"/>) so this silo's card grains do not wait for the next revision.
/// </summary>
public sealed class CardPolicyStore(CardPolicyBook configured, TimeProvider? clock = null) : ICardPolicySource
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private readonly Lock applying = new();
    private Applied current = new(0, configured, ImmutableDictionary<string, DateTimeOffset>.Empty.WithComparers(StringComparer.Ordinal));
    private ImmutableDictionary<string, DateTimeOffset> localLockdowns = ImmutableDictionary<string, DateTimeOffset>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The book from configuration: it applies until an administrator stores one.</summary>
    public CardPolicyBook ConfiguredBook { get; } = configured;

    public CardPolicyBook Book => Volatile.Read(ref current).Book;

    /// <summary>The policy grain's revision applied here (0: none yet).</summary>
    public long Revision => Volatile.Read(ref current).Revision;

    public CardVelocityPolicy Resolve(string merchantId, string? mcc)
    {
        var policy = Book.Resolve(merchantId, mcc);
        return LockdownUntil(merchantId) is { } until && until > clock.GetUtcNow() ? CardTestingLockdown.ApplyTo(policy) : policy;
    }

    /// <summary>Applies <paramref name="snapshot"/> when it is newer than what this silo has; returns whether it was.</summary>
    public bool Apply(PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (applying)
        {
            if (snapshot.Revision <= current.Revision)
            {
                return false;
            }

            var lockdowns = snapshot.Lockdowns.IsDefault ? [] : snapshot.Lockdowns;
            Volatile.Write(ref current, new Applied(
                snapshot.Revision,
                snapshot.Book ?? ConfiguredBook,
                lockdowns.ToImmutableDictionary(l => l.MerchantId, l => l.Until, StringComparer.Ordinal)));
            return true;
        }
    }

    public DateTimeOffset? LockdownUntil(string merchantId)
    {
        DateTimeOffset? cluster = Volatile.Read(ref current).Lockdowns.TryGetValue(merchantId, out var c) ? c : null;
        DateTimeOffset? local = Volatile.Read(ref localLockdowns).TryGetValue(merchantId, out var l) ? l : null;
        return (cluster, local) switch
        {
            ({ } a, { } b) => a > b ? a : b,
            _ => cluster ?? local,
        };
    }

    /// <summary>Puts a merchant under card-testing lockdown on this silo until <paramref name="until"/> (null lifts it here).</summary>
    public void SetLockdown(string merchantId, DateTimeOffset? until) =>
        ImmutableInterlocked.Update(ref localLockdowns, (lockdowns, arg) => arg.until is { } u ? lockdowns.SetItem(arg.merchantId, u) : lockdowns.Remove(arg.merchantId), (merchantId, until));

    private sealed record Applied(long Revision, CardPolicyBook Book, ImmutableDictionary<string, DateTimeOffset> Lockdowns);
}
