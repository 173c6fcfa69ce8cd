using System.Collections.Concurrent;

namespace ActorRisk.Grains.Merchants;

/// <summary>
/// Where card grains count each decided authorization per merchant, in memory, so the hot path never waits for
/// a merchant grain. A forwarder drains it every second into one call per merchant. A silo crash loses at most
/// that second of counts: these feed a monitoring metric and a card-testing signal, not a balance.
/// </summary>
public sealed class MerchantAuthorizationCounter
{
    /// <summary>At most this many distinct small-authorization cards are kept per merchant and drain.</summary>
    public const int MaxCardsPerDrain = 1_000;

    private readonly string silo = Guid.NewGuid().ToString("N")[..12];
    private ConcurrentDictionary<string, Tally> tallies = new(StringComparer.Ordinal);
    private long drains;

    public void Record(string merchantId, CardNetwork? network, bool small, bool enumerated, string cardToken)
    {
        // A tally a drain has already taken is closed: the count goes to the next drain's tally instead.
        while (true)
        {
            var tally = Volatile.Read(ref tallies).GetOrAdd(merchantId, static _ => new Tally());
            lock (tally)
            {
                if (tally.Closed)
                {
                    continue;
                }

                var index = network is null ? 2 : (int)network.Value;
                tally.Authorizations[index]++;
                if (enumerated)
                {
                    tally.Enumerated[index]++;
                }

                // The same 32-bit FNV-1a as merchant fingerprints: enough to count a few hundred distinct cards.
                if (small && tally.Cards.Count < MaxCardsPerDrain)
                {
                    tally.Cards.Add(MerchantFingerprint.Of(cardToken));
                }

                return;
            }
        }
    }

    /// <summary>Everything counted since the last drain, one activity per merchant.</summary>
    public IReadOnlyList<(string MerchantId, AuthorizationActivity Activity)> Drain(DateTimeOffset now)
    {
        var drained = Interlocked.Exchange(ref tallies, new ConcurrentDictionary<string, Tally>(StringComparer.Ordinal));
        var sequence = Interlocked.Increment(ref drains);
        var result = new List<(string, AuthorizationActivity)>(drained.Count);
        foreach (var (merchantId, tally) in drained)
        {
            lock (tally)
            {
                tally.Closed = true;
                var networks = ImmutableArray.CreateBuilder<NetworkAuthorizations>();
                for (var i = 0; i < 3; i++)
                {
                    if (tally.Authorizations[i] > 0)
                    {
                        networks.Add(new NetworkAuthorizations(i == 2 ? null : (CardNetwork)i, tally.Authorizations[i], tally.Enumerated[i]));
                    }
                }

                result.Add((merchantId, new AuthorizationActivity($"{silo}-{sequence}:{merchantId}", now, networks.ToImmutable(), [.. tally.Cards])));
            }
        }

        return result;
    }

    private sealed class Tally
    {
        public bool Closed { get; set; }

        public long[] Authorizations { get; } = new long[3];

        public long[] Enumerated { get; } = new long[3];

        public HashSet<uint> Cards { get; } = [];
    }
}
