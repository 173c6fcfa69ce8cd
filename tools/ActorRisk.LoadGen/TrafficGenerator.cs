using ActorRisk.Client;

namespace ActorRisk.LoadGen;

/// <summary>
/// Realistic traffic, deterministic for a seed: mostly normal purchases by a pool of cards at a few favourite
/// merchants each, plus card-testing bursts (fresh card numbers, 1-yen online authorizations without the
/// security code, back to back at one merchant). The card pool has a seed of its own, so a warm-up and a measured run
/// can send new authorization ids for the same cards.
/// </summary>
internal sealed class TrafficGenerator(int seed, int cardSeed, int worker, int cards, int merchants, double testingShare, int burstLength)
{
    // Workers and cards draw from separate seed spaces (a worker must never replay a normal card's number), mixed
    // arithmetically: HashCode.Combine is randomized per process, which would break "same seed, same traffic".
    private readonly Random random = new(StableSeed(seed, 1, worker));
    private int sequence;

    public IReadOnlyList<(AuthorizationRequest Request, bool Testing)> Next()
    {
        if (random.NextDouble() < testingShare)
        {
            var pan = Pan(random);
            var merchant = $"m-{random.Next(merchants):D5}";
            return [.. Enumerable.Range(0, burstLength).Select(_ => (new AuthorizationRequest
            {
                AuthorizationId = NextId(),
                Pan = pan,
                MerchantId = merchant,
                Amount = 1,
                Currency = "JPY",
                CvcProvided = false,
                CardPresent = false,
            }, true))];
        }

        var card = random.Next(cards);
        var cardRandom = new Random(StableSeed(cardSeed, 2, card));
        var favourite = $"m-{cardRandom.Next(merchants):D5}";
        return [(new AuthorizationRequest
        {
            AuthorizationId = NextId(),
            Pan = Pan(cardRandom),
            MerchantId = random.NextDouble() < 0.7 ? favourite : $"m-{random.Next(merchants):D5}",
            Amount = random.Next(5, 300) * 100,
            Currency = "JPY",
            CvcProvided = true,
            CardPresent = random.NextDouble() < 0.3,
            CardType = random.NextDouble() < 0.8 ? "credit" : "debit",
        }, false)];
    }

    private string NextId() => $"lg-{seed}-{worker}-{++sequence}";

    private static int StableSeed(int seed, int space, int index) =>
        unchecked((int)(((((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)space << 32) ^ (uint)index) * 0xBF58476D1CE4E5B9UL) >> 33));

    /// <summary>A 16-digit test card number with a valid Luhn check digit.</summary>
    private static string Pan(Random random)
    {
        Span<int> digits = stackalloc int[16];
        digits[0] = 4;
        for (var i = 1; i < 15; i++)
        {
            digits[i] = random.Next(10);
        }

        var sum = 0;
        for (var i = 14; i >= 0; i--)
        {
            var d = digits[i];
            if ((14 - i) % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        digits[15] = (10 - (sum % 10)) % 10;
        return string.Concat(digits.ToArray());
    }
}
