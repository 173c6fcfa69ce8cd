using System.Collections.Concurrent;

namespace ActorRisk.Grains.Cards;

/// <summary>
/// Where card grains note the cards they see at a new merchant, in memory, so the hot path writes nothing more: a
/// writer drains it every second into the card directory (one set-based statement), which the risk team searches
/// by last four digits and merchant. A silo crash loses at most that second of sightings: the directory is a search
/// aid pointing at card grains, not a record, and a card is listed again when it next uses a new merchant.
/// </summary>
public sealed class CardSightings
{
    /// <summary>Pairs listed recently are skipped; the memory of them is bounded and simply starts over when full.</summary>
    public const int RecentCapacity = 200_000;

    private ConcurrentQueue<CardSighting> pending = new();
    private ConcurrentDictionary<(string CardToken, string MerchantId), byte> recent = new();

    // Counted here: ConcurrentDictionary.Count takes every lock of the dictionary, on each authorization's hot path.
    private int recentCount;

    public void Record(string cardToken, string last4, string merchantId, DateTimeOffset seenAt)
    {
        var known = Volatile.Read(ref recent);
        if (!known.TryAdd((cardToken, merchantId), 0))
        {
            return;
        }

        if (Interlocked.Increment(ref recentCount) > RecentCapacity && Interlocked.CompareExchange(ref recent, new(), known) == known)
        {
            Interlocked.Exchange(ref recentCount, 0);
        }

        Volatile.Read(ref pending).Enqueue(new CardSighting(cardToken, last4, merchantId, seenAt));
    }

    /// <summary>Everything recorded since the last drain.</summary>
    public IReadOnlyList<CardSighting> Drain()
    {
        var taken = Interlocked.Exchange(ref pending, new ConcurrentQueue<CardSighting>());
        return [.. taken];
    }
}
