namespace ActorRisk.Domain.Tests.Cards;

/// <summary>
/// Random event streams (seeded, so a failure reproduces) checked against a reference that keeps every
/// timestamp: the documented conservative rule, and the documented bucket layout exactly.
/// </summary>
public sealed class CardActivityPropertyTests
{
    private static readonly TimeSpan[] Windows =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(60),
        TimeSpan.FromMinutes(90), TimeSpan.FromHours(24), TimeSpan.FromDays(7),
    ];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 20; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void NeverUnderCountsAndOverCountsByAtMostOneBucketWidth(int seed)
    {
        var random = new Random(seed);
        var activity = CardActivity.Empty;
        var kept = new List<DateTimeOffset>();
        var keptDeclines = new List<DateTimeOffset>();
        var latest = DateTimeOffset.MinValue;
        var time = CardScenario.Start.AddMilliseconds(random.Next(60_000));

        for (var step = 0; step < 400; step++)
        {
            time += NextGap(random);
            var eventTime = random.Next(8) == 0 ? time - Lateness(random) : time;
            latest = eventTime > latest ? eventTime : latest;
            if (eventTime > latest - CardActivity.Retention)
            {
                kept.Add(eventTime);
            }

            activity = activity.Record(eventTime, ActivityDelta.Attempt(small: true, "m"));
            Assert.Equal(latest, activity.LatestEventAt);
            if (random.Next(3) == 0)
            {
                // The issuer's answer, reported at the authorization's own time.
                activity = activity.Record(eventTime, ActivityDelta.Decline);
                if (eventTime > latest - CardActivity.Retention)
                {
                    keptDeclines.Add(eventTime);
                }
            }

            foreach (var window in Windows)
            {
                var count = activity.Count(VelocityMetric.SmallAuthorizations, window, latest);
                var exact = kept.Count(e => e > latest - window && e <= latest);
                var width = window <= TimeSpan.FromHours(1) ? TimeSpan.FromMinutes(1) : TimeSpan.FromHours(1);
                var loose = kept.Count(e => e > latest - window - width && e <= latest);
                Assert.True(count >= exact, $"seed {seed} step {step}: window {window} counted {count} < exact {exact}");
                Assert.True(count <= loose, $"seed {seed} step {step}: window {window} counted {count} > {loose} (one bucket width)");
                Assert.Equal(ReferenceCount(kept, window, latest), count);
                Assert.Equal(ReferenceCount(keptDeclines, window, latest), activity.Count(VelocityMetric.IssuerDeclines, window, latest));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void BucketsStayBoundedSortedAndUnique(int seed)
    {
        var random = new Random(seed);
        var activity = CardActivity.Empty;
        var time = CardScenario.Start;
        for (var step = 0; step < 1_500; step++)
        {
            time += random.Next(3) == 0 ? TimeSpan.FromMinutes(random.Next(1, 90)) : TimeSpan.FromSeconds(random.Next(1, 40));
            var eventTime = random.Next(5) == 0 ? time - TimeSpan.FromMinutes(random.Next(0, 60 * 24 * 8)) : time;
            activity = activity.Record(eventTime, ActivityDelta.Attempt(random.Next(2) == 0, $"m{random.Next(100)}"));

            Assert.True(activity.Buckets.Count(b => b.WidthMinutes == 1) <= 120);
            Assert.True(activity.Buckets.Count(b => b.WidthMinutes == 60) <= 169);
            Assert.All(activity.Buckets, b => Assert.True(b.WidthMinutes is 1 or 60 && b.Attempts > 0));
            Assert.All(activity.Buckets, b => Assert.True(b.WidthMinutes == 1 || b.StartMinute % 60 == 0));
            Assert.Equal(
                activity.Buckets.OrderBy(b => b.StartMinute).ThenBy(b => b.WidthMinutes).Select(b => (b.StartMinute, b.WidthMinutes)),
                activity.Buckets.Select(b => (b.StartMinute, b.WidthMinutes)));
            Assert.Equal(activity.Buckets.Length, activity.Buckets.Select(b => (b.StartMinute, b.WidthMinutes)).Distinct().Count());
        }
    }

    /// <summary>
    /// The documented layout: as of T, an event lies in its 1-minute bucket when that minute is one of the
    /// last 120 (T's own minute included), else in its 1-hour bucket; a bucket [start, end) counts for the
    /// window (T - W, T] when end > T - W and start &lt;= T.
    /// </summary>
    internal static int ReferenceCount(IEnumerable<DateTimeOffset> events, TimeSpan window, DateTimeOffset asOf)
    {
        var asOfMinute = Minute(asOf);
        var windowStart = asOf - window;
        return events.Count(e =>
        {
            var minute = Minute(e);
            var (start, width) = minute >= asOfMinute - 119 ? (minute, 1L) : (FloorDiv(minute, 60) * 60, 60L);
            return FromMinute(start + width) > windowStart && FromMinute(start) <= asOf;
        });
    }

    internal static long Minute(DateTimeOffset instant) => FloorDiv(instant.ToUnixTimeSeconds(), 60);

    private static DateTimeOffset FromMinute(long minute) => DateTimeOffset.FromUnixTimeSeconds(minute * 60);

    // Every instant in these tests is after 1970, so integer division is the floor.
    private static long FloorDiv(long value, long divisor) => value / divisor;

    private static TimeSpan NextGap(Random random) => random.Next(10) switch
    {
        < 5 => TimeSpan.FromMilliseconds(random.Next(0, 90_000)),
        < 8 => TimeSpan.FromSeconds(random.Next(60, 1_800)),
        < 9 => TimeSpan.FromSeconds(random.Next(1_800, 4 * 3_600)),
        _ => TimeSpan.FromSeconds(random.Next(4 * 3_600, 2 * 86_400)),
    };

    private static TimeSpan Lateness(Random random) => random.Next(4) switch
    {
        0 => TimeSpan.FromMilliseconds(random.Next(0, 600_000)),
        1 => TimeSpan.FromMinutes(random.Next(10, 180)),
        2 => TimeSpan.FromHours(random.Next(3, 48)),
        _ => TimeSpan.FromHours(random.Next(150, 200)),
    };
}
