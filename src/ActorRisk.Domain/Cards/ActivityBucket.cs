namespace ActorRisk.Domain.Cards;

/// <summary>
/// Counts for one time bucket [StartMinute, StartMinute + WidthMinutes), minutes since the Unix epoch.
/// Merchants holds at most <see cref="CardActivity.DistinctMerchantCap"/> fingerprints. Counts saturate at
/// <see cref="int.MaxValue"/>: a velocity limit only asks whether a count reached its threshold, so a card hammered
/// past the largest count stays over every limit instead of failing each call that would count it.
/// </summary>
public sealed record ActivityBucket(
    long StartMinute,
    int WidthMinutes,
    int Attempts,
    int SmallAuthorizations,
    int IssuerDeclines,
    ImmutableArray<uint> Merchants)
{
    public long EndMinute => StartMinute + WidthMinutes;

    internal ActivityBucket Add(ActivityDelta delta) => this with
    {
        Attempts = Saturating(Attempts, delta.Attempts),
        SmallAuthorizations = Saturating(SmallAuthorizations, delta.SmallAuthorizations),
        IssuerDeclines = Saturating(IssuerDeclines, delta.IssuerDeclines),
        Merchants = AddMerchant(Merchants, delta.Merchant),
    };

    internal ActivityBucket Merge(ActivityBucket other) => this with
    {
        Attempts = Saturating(Attempts, other.Attempts),
        SmallAuthorizations = Saturating(SmallAuthorizations, other.SmallAuthorizations),
        IssuerDeclines = Saturating(IssuerDeclines, other.IssuerDeclines),
        Merchants = other.Merchants.Aggregate(Merchants, (set, m) => AddMerchant(set, m)),
    };

    internal static int Saturating(long a, long b) => (int)Math.Clamp(a + b, 0, int.MaxValue);

    private static ImmutableArray<uint> AddMerchant(ImmutableArray<uint> merchants, uint? merchant)
    {
        if (merchants.IsDefault)
        {
            merchants = [];
        }

        if (merchant is not { } m || merchants.Length >= CardActivity.DistinctMerchantCap || merchants.Contains(m))
        {
            return merchants;
        }

        return merchants.Add(m);
    }
}

/// <summary>What one event adds to the counters.</summary>
public readonly record struct ActivityDelta(int Attempts, int SmallAuthorizations, int IssuerDeclines, uint? Merchant)
{
    public static ActivityDelta Attempt(bool small, string merchantId) =>
        new(1, small ? 1 : 0, 0, MerchantFingerprint.Of(merchantId));

    public static ActivityDelta Decline => new(0, 0, 1, null);
}
