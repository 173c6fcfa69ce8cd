namespace ActorRisk.Domain.Cards;

/// <summary>
/// Rolling counters for one card in bounded memory: 1-minute buckets for the last
/// <see cref="MinuteResolutionSpan"/>, folded into 1-hour buckets after that, dropped after <see cref="Retention"/>.
/// At most 120 + 169 buckets exist, whatever the traffic, and only non-empty buckets are kept.
///
/// Window semantics: a window W at time T covers (T - W, T]. A bucket is counted when any part of it lies
/// inside the window, so an event is never missed inside its window and is counted at most one bucket width
/// (1 minute for windows up to an hour, 1 hour beyond) after it left. For card testing, over-counting by a
/// minute is the safe side to err on. Minute buckets live for two hours so that hour buckets never reach
/// into a window of an hour or less.
/// </summary>
public sealed record CardActivity(ImmutableArray<ActivityBucket> Buckets, DateTimeOffset? LatestEventAt)
{
    public const int DistinctMerchantCap = 32;
    public static readonly TimeSpan MinuteResolutionSpan = TimeSpan.FromHours(2);
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private const int MinutesPerHour = 60;

    public static CardActivity Empty { get; } = new([], null);

    /// <summary>
    /// Counters are read as of the latest event time seen, so an event that arrives late (out of order)
    /// is judged together with the events that really surrounded it.
    /// </summary>
    public DateTimeOffset EvaluationTime(DateTimeOffset eventTime) =>
        LatestEventAt is { } latest && latest > eventTime ? latest : eventTime;

    /// <summary>Adds an event at its own time. Events older than <see cref="Retention"/> are not counted.</summary>
    public CardActivity Record(DateTimeOffset eventTime, ActivityDelta delta)
    {
        var asOf = EvaluationTime(eventTime);
        var compacted = Compact(asOf);
        if (eventTime <= asOf - Retention)
        {
            return new CardActivity(compacted, asOf);
        }

        var eventMinute = MinuteOf(eventTime);
        var minuteCutoff = MinuteCutoff(asOf);
        var (start, width) = eventMinute >= minuteCutoff
            ? (eventMinute, 1)
            : (FloorDiv(eventMinute, MinutesPerHour) * MinutesPerHour, MinutesPerHour);

        var index = compacted.FindIndex(b => b.StartMinute == start && b.WidthMinutes == width);
        var buckets = index >= 0
            ? compacted.SetItem(index, compacted[index].Add(delta))
            : InsertSorted(compacted, new ActivityBucket(start, width, 0, 0, 0, []).Add(delta));
        return new CardActivity(buckets, asOf);
    }

    /// <summary>The value of <paramref name="metric"/> over the window (asOf - window, asOf].</summary>
    public int Count(VelocityMetric metric, TimeSpan window, DateTimeOffset asOf)
    {
        var inWindow = InWindow(window, asOf);
        return metric switch
        {
            VelocityMetric.Attempts => ActivityBucket.Saturating(inWindow.Sum(b => (long)b.Attempts), 0),
            VelocityMetric.SmallAuthorizations => ActivityBucket.Saturating(inWindow.Sum(b => (long)b.SmallAuthorizations), 0),
            VelocityMetric.IssuerDeclines => ActivityBucket.Saturating(inWindow.Sum(b => (long)b.IssuerDeclines), 0),
            VelocityMetric.DistinctMerchants => Math.Min(
                DistinctMerchantCap,
                inWindow.SelectMany(b => b.Merchants.IsDefault ? [] : b.Merchants).Distinct().Count()),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
        };
    }

    private IEnumerable<ActivityBucket> InWindow(TimeSpan window, DateTimeOffset asOf)
    {
        // (asOf - window, asOf] overlaps [start, end) when end > asOf - window and start <= asOf.
        var windowStartSeconds = (asOf - window).ToUnixTimeSeconds();
        var asOfSeconds = asOf.ToUnixTimeSeconds();
        return Buckets.Where(b => b.EndMinute * 60 > windowStartSeconds && b.StartMinute * 60 <= asOfSeconds);
    }

    private ImmutableArray<ActivityBucket> Compact(DateTimeOffset asOf)
    {
        var minuteCutoff = MinuteCutoff(asOf);
        var dropBefore = MinuteOf(asOf - Retention);
        if (Buckets.All(b => b.EndMinute > dropBefore && (b.WidthMinutes != 1 || b.StartMinute >= minuteCutoff)))
        {
            return Buckets;
        }

        var result = ImmutableArray.CreateBuilder<ActivityBucket>(Buckets.Length);
        foreach (var bucket in Buckets)
        {
            var current = bucket;
            if (current.WidthMinutes == 1 && current.StartMinute < minuteCutoff)
            {
                current = current with { StartMinute = FloorDiv(current.StartMinute, MinutesPerHour) * MinutesPerHour, WidthMinutes = MinutesPerHour };
            }

            if (current.EndMinute <= dropBefore)
            {
                continue;
            }

            var existing = result.FindIndex(b => b.StartMinute == current.StartMinute && b.WidthMinutes == current.WidthMinutes);
            if (existing >= 0)
            {
                result[existing] = result[existing].Merge(current);
            }
            else
            {
                result.Add(current);
            }
        }

        return [.. result.OrderBy(b => b.StartMinute).ThenBy(b => b.WidthMinutes)];
    }

    private static ImmutableArray<ActivityBucket> InsertSorted(ImmutableArray<ActivityBucket> buckets, ActivityBucket bucket)
    {
        var index = 0;
        while (index < buckets.Length
               && (buckets[index].StartMinute < bucket.StartMinute
                   || (buckets[index].StartMinute == bucket.StartMinute && buckets[index].WidthMinutes < bucket.WidthMinutes)))
        {
            index++;
        }

        return buckets.Insert(index, bucket);
    }

    private static long MinuteCutoff(DateTimeOffset asOf) =>
        MinuteOf(asOf) - (long)MinuteResolutionSpan.TotalMinutes + 1;

    private static long MinuteOf(DateTimeOffset instant) => FloorDiv(instant.ToUnixTimeSeconds(), 60);

    private static long FloorDiv(long value, long divisor) =>
        value >= 0 ? value / divisor : -(((-value) + divisor - 1) / divisor);
}
