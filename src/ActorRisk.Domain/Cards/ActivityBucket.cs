namespace ActorRisk.Domain.Cards;

/// <summary>
/// Counts for one time bucket [StartMinute, StartMinute + WidthMinutes), minutes since the Unix epoch.
/// Merchants holds at most <see cref="CardActivity.DistinctMerchantCap"/> fingerprints.
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
        Attempts = checked(Attempts + delta.Attempts),
        SmallAuthorizations = checked(SmallAuthorizations + delta.SmallAuthorizations),
        IssuerDeclines = checked(IssuerDeclines + delta.IssuerDeclines),
        Merchants = AddMerchant(Merchants, delta.Merchant),
    };

    internal ActivityBucket Merge(ActivityBucket other) => this with
    {
        Attempts = checked(Attempts + other.Attempts),
        SmallAuthorizations = checked(SmallAuthorizations + other.SmallAuthorizations),
        IssuerDeclines = checked(IssuerDeclines + other.IssuerDeclines),
        Merchants = other.Merchants.Aggregate(Merchants, (set, m) => AddMerchant(set, m)),
    };

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
