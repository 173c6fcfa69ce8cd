namespace ActorRisk.Domain.Tests.Cards;

public sealed class CardActivityTests
{
    private static readonly DateTimeOffset T0 = CardScenario.Start; // 12:00:00, a whole minute
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);

    private static ActivityDelta Small(string merchant = "m") => ActivityDelta.Attempt(small: true, merchant);

    private static ActivityDelta Large(string merchant = "m") => ActivityDelta.Attempt(small: false, merchant);

    private static long MinuteOf(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / 60;

    private static CardActivity RecordAll(CardActivity activity, IEnumerable<DateTimeOffset> times, Func<ActivityDelta>? delta = null)
    {
        foreach (var time in times)
        {
            activity = activity.Record(time, (delta ?? (() => Small()))());
        }

        return activity;
    }

    [Fact]
    public void EmptyActivityCountsNothing()
    {
        foreach (var metric in Enum.GetValues<VelocityMetric>())
        {
            Assert.Equal(0, CardActivity.Empty.Count(metric, OneHour, T0));
        }

        Assert.Null(CardActivity.Empty.LatestEventAt);
        Assert.Equal(T0, CardActivity.Empty.EvaluationTime(T0));
    }

    [Fact]
    public void CountsEachMetricWithinTheWindow()
    {
        var activity = CardActivity.Empty
            .Record(T0, Small("a"))
            .Record(T0.AddMinutes(1), Large("b"))
            .Record(T0.AddMinutes(2), Small("a"))
            .Record(T0.AddMinutes(2), ActivityDelta.Decline);
        var asOf = T0.AddMinutes(2);

        Assert.Equal(3, activity.Count(VelocityMetric.Attempts, TenMinutes, asOf));
        Assert.Equal(2, activity.Count(VelocityMetric.SmallAuthorizations, TenMinutes, asOf));
        Assert.Equal(1, activity.Count(VelocityMetric.IssuerDeclines, TenMinutes, asOf));
        Assert.Equal(2, activity.Count(VelocityMetric.DistinctMerchants, TenMinutes, asOf));
        Assert.Equal(asOf, activity.LatestEventAt);
    }

    [Fact]
    public void UnknownMetricIsRefused()
    {
        var activity = CardActivity.Empty.Record(T0, Small());
        Assert.Throws<ArgumentOutOfRangeException>(() => activity.Count((VelocityMetric)42, TenMinutes, T0));
    }

    [Fact]
    public void AnEventAtTheEndOfTheWindowIsCounted()
    {
        var at = T0.AddSeconds(42);
        var activity = CardActivity.Empty.Record(at, Small());

        Assert.Equal(1, activity.Count(VelocityMetric.SmallAuthorizations, TenMinutes, at));
    }

    [Fact]
    public void AnEventInsideTheWindowIsCountedUntilTheWindowPassesItsMinuteBucket()
    {
        // The window at T is (T - W, T]. The event at 12:00:30 lies in the bucket [12:00, 12:01).
        var at = T0.AddSeconds(30);
        var activity = CardActivity.Empty.Record(at, Small());
        int CountAt(DateTimeOffset t) => activity.Count(VelocityMetric.SmallAuthorizations, TenMinutes, t);

        Assert.Equal(1, CountAt(at + TenMinutes - TimeSpan.FromSeconds(1))); // inside (T - W, T]
        Assert.Equal(1, CountAt(at + TenMinutes)); // exactly on the open edge: outside, but its bucket still overlaps
        Assert.Equal(1, CountAt(T0.AddMinutes(1) + TenMinutes - TimeSpan.FromTicks(1))); // 12:10:59.9999999
        Assert.Equal(0, CountAt(T0.AddMinutes(1) + TenMinutes)); // 12:11:00: the bucket [12:00, 12:01) has left
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(30)]
    [InlineData(59)]
    public void TheOverCountIsAtMostOneMinuteForShortWindows(int secondInMinute)
    {
        var at = T0.AddSeconds(secondInMinute);
        var activity = CardActivity.Empty.Record(at, Small());

        foreach (var window in new[] { TimeSpan.FromMinutes(1), TenMinutes, OneHour })
        {
            // Never under-counted while inside its window...
            for (var t = at; t < at + window; t += TimeSpan.FromSeconds(7))
            {
                Assert.Equal(1, activity.Count(VelocityMetric.Attempts, window, t));
            }

            // ...and gone one bucket width (one minute) after it left.
            Assert.Equal(0, activity.Count(VelocityMetric.Attempts, window, at + window + TimeSpan.FromMinutes(1)));
        }
    }

    [Fact]
    public void ABucketStartingAfterTheEvaluationTimeIsNotCounted()
    {
        var activity = CardActivity.Empty.Record(T0.AddMinutes(5), Small());

        Assert.Equal(0, activity.Count(VelocityMetric.Attempts, TenMinutes, T0.AddMinutes(4).AddSeconds(59)));
        Assert.Equal(1, activity.Count(VelocityMetric.Attempts, TenMinutes, T0.AddMinutes(5)));
    }

    [Fact]
    public void EventsInTheSameMinuteShareOneBucket()
    {
        var activity = RecordAll(CardActivity.Empty, [T0, T0.AddSeconds(10), T0.AddSeconds(59)]);

        var bucket = Assert.Single(activity.Buckets);
        Assert.Equal(MinuteOf(T0), bucket.StartMinute);
        Assert.Equal(1, bucket.WidthMinutes);
        Assert.Equal(3, bucket.Attempts);
        Assert.Equal(3, bucket.SmallAuthorizations);
    }

    [Fact]
    public void MinuteBucketsFoldIntoHourBucketsAfterTwoHours()
    {
        var early = new DateTimeOffset(2025, 3, 10, 10, 15, 20, TimeSpan.Zero);
        var activity = CardActivity.Empty.Record(early, Small());

        // At 12:14:59 the 10:15 minute is still within the last 120 minutes.
        var before = activity.Record(new DateTimeOffset(2025, 3, 10, 12, 14, 59, TimeSpan.Zero), Large());
        Assert.Contains(before.Buckets, b => b.WidthMinutes == 1 && b.StartMinute == MinuteOf(early));
        Assert.DoesNotContain(before.Buckets, b => b.WidthMinutes == 60);

        // At 12:15:00 it is folded into the 10:00 hour bucket, with its counts intact.
        var after = before.Record(new DateTimeOffset(2025, 3, 10, 12, 15, 0, TimeSpan.Zero), Large());
        var hour = Assert.Single(after.Buckets, b => b.WidthMinutes == 60);
        Assert.Equal(MinuteOf(new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.Zero)), hour.StartMinute);
        Assert.Equal(1, hour.Attempts);
        Assert.Equal(1, hour.SmallAuthorizations);
        Assert.DoesNotContain(after.Buckets, b => b.WidthMinutes == 1 && b.StartMinute == MinuteOf(early));
        Assert.Equal(3, after.Count(VelocityMetric.Attempts, TimeSpan.FromHours(3), after.LatestEventAt!.Value));
    }

    [Fact]
    public void FoldedMinutesOfTheSameHourMergeIntoOneBucket()
    {
        var activity = RecordAll(
            CardActivity.Empty,
            [T0.AddMinutes(1), T0.AddMinutes(7), T0.AddMinutes(59).AddSeconds(59)]);
        activity = activity.Record(T0.AddHours(3), Large());

        var hour = Assert.Single(activity.Buckets, b => b.WidthMinutes == 60);
        Assert.Equal(MinuteOf(T0), hour.StartMinute);
        Assert.Equal(3, hour.SmallAuthorizations);
        Assert.Equal(2, activity.Buckets.Length);
    }

    [Fact]
    public void IssuerDeclinesSurviveFoldingIntoHourBuckets()
    {
        var activity = CardActivity.Empty
            .Record(T0, Large())
            .Record(T0, ActivityDelta.Decline)
            .Record(T0.AddMinutes(5), Large())
            .Record(T0.AddMinutes(5), ActivityDelta.Decline)
            .Record(T0.AddMinutes(9), Large());

        activity = activity.Record(T0.AddHours(3), Large());

        var hour = Assert.Single(activity.Buckets, b => b.WidthMinutes == 60);
        Assert.Equal(3, hour.Attempts);
        Assert.Equal(2, hour.IssuerDeclines);
        Assert.Equal(2, activity.Count(VelocityMetric.IssuerDeclines, TimeSpan.FromHours(24), T0.AddHours(3)));
        Assert.Equal(4, activity.Count(VelocityMetric.Attempts, TimeSpan.FromHours(24), T0.AddHours(3)));
    }

    [Fact]
    public void AnHourBucketNeverLeaksIntoAnHourOrShorterWindow()
    {
        // 10:59:59 is folded into [10:00, 11:00) as soon as the card's time reaches 12:59.
        var late = new DateTimeOffset(2025, 3, 10, 10, 59, 59, TimeSpan.Zero);
        var now = new DateTimeOffset(2025, 3, 10, 12, 59, 0, TimeSpan.Zero);
        var activity = CardActivity.Empty.Record(late, Small()).Record(now, Large());

        Assert.Contains(activity.Buckets, b => b.WidthMinutes == 60);
        Assert.Equal(1, activity.Count(VelocityMetric.Attempts, OneHour, now));
        Assert.Equal(1, activity.Count(VelocityMetric.Attempts, TenMinutes, now));
        Assert.Equal(0, activity.Count(VelocityMetric.SmallAuthorizations, OneHour, now));
        Assert.Equal(1, activity.Count(VelocityMetric.SmallAuthorizations, TimeSpan.FromMinutes(121), now));
    }

    [Fact]
    public void HourBucketsOverCountLongWindowsByAtMostOneHour()
    {
        // 10:05 is folded into [10:00, 11:00); a 2-hour window at 13:30 is (11:30, 13:30].
        var activity = CardActivity.Empty
            .Record(new DateTimeOffset(2025, 3, 10, 10, 5, 0, TimeSpan.Zero), Small())
            .Record(new DateTimeOffset(2025, 3, 10, 13, 30, 0, TimeSpan.Zero), Large());
        var asOf = activity.LatestEventAt!.Value;
        var twoHours = TimeSpan.FromHours(2);

        Assert.Equal(0, activity.Count(VelocityMetric.SmallAuthorizations, twoHours, asOf));
        // (10:30, 13:30]: 10:05 is outside, but its hour bucket reaches to 11:00 (over-count of 25 minutes).
        Assert.Equal(1, activity.Count(VelocityMetric.SmallAuthorizations, TimeSpan.FromMinutes(180), asOf));

        // (10:04, 13:30]: inside.
        Assert.Equal(1, activity.Count(VelocityMetric.SmallAuthorizations, TimeSpan.FromMinutes(206), asOf));

        // (11:00, 13:30]: the hour bucket ends exactly on the open edge.
        Assert.Equal(0, activity.Count(VelocityMetric.SmallAuthorizations, TimeSpan.FromMinutes(150), asOf));
    }

    [Fact]
    public void EventsOlderThanSevenDaysAreDropped()
    {
        var activity = CardActivity.Empty.Record(T0, Small("old"));
        var week = CardActivity.Retention;

        var later = activity.Record(T0 + week + OneHour, Large("new"));

        Assert.All(later.Buckets, b => Assert.True(b.EndMinute > MinuteOf(T0 + OneHour), "old bucket survived"));
        Assert.Equal(1, later.Count(VelocityMetric.Attempts, week, later.LatestEventAt!.Value));
        Assert.Equal(0, later.Count(VelocityMetric.SmallAuthorizations, week, later.LatestEventAt!.Value));
        Assert.Equal(1, later.Count(VelocityMetric.DistinctMerchants, week, later.LatestEventAt!.Value));
        Assert.Single(later.Buckets);
    }

    [Fact]
    public void ALateEventOlderThanTheRetentionIsNotCounted()
    {
        var latest = T0 + TimeSpan.FromDays(8);
        var activity = CardActivity.Empty.Record(latest, Large());

        var exactlyAWeek = activity.Record(latest - CardActivity.Retention, Small());
        var longAgo = activity.Record(T0, Small());
        var justInside = activity.Record(latest - CardActivity.Retention + TimeSpan.FromSeconds(1), Small());

        Assert.Equal(activity.Buckets, exactlyAWeek.Buckets);
        Assert.Equal(activity.Buckets, longAgo.Buckets);
        Assert.Equal(latest, exactlyAWeek.LatestEventAt);
        Assert.Equal(latest, longAgo.LatestEventAt);
        Assert.Equal(1, justInside.Count(VelocityMetric.SmallAuthorizations, CardActivity.Retention, latest));
    }

    [Fact]
    public void OutOfOrderEventsCountAtTheirOwnTimeAndEvaluationTimeIsTheLatestSeen()
    {
        var activity = CardActivity.Empty
            .Record(T0.AddMinutes(20), Small())
            .Record(T0.AddMinutes(25), Small());

        Assert.Equal(T0.AddMinutes(25), activity.EvaluationTime(T0.AddMinutes(18)));
        Assert.Equal(T0.AddMinutes(26), activity.EvaluationTime(T0.AddMinutes(26)));

        // Late by seven minutes: still in the 10-minute window at 12:25.
        activity = activity.Record(T0.AddMinutes(18), Small());
        Assert.Equal(T0.AddMinutes(25), activity.LatestEventAt);
        Assert.Equal(3, activity.Count(VelocityMetric.SmallAuthorizations, TenMinutes, T0.AddMinutes(25)));

        // Late by twenty minutes: counted in its own minute, outside the 10-minute window but inside the hour.
        activity = activity.Record(T0.AddMinutes(5), Small());
        Assert.Equal(T0.AddMinutes(25), activity.LatestEventAt);
        Assert.Contains(activity.Buckets, b => b.WidthMinutes == 1 && b.StartMinute == MinuteOf(T0.AddMinutes(5)));
        Assert.Equal(3, activity.Count(VelocityMetric.SmallAuthorizations, TenMinutes, T0.AddMinutes(25)));
        Assert.Equal(4, activity.Count(VelocityMetric.SmallAuthorizations, OneHour, T0.AddMinutes(25)));

        // Buckets stay sorted whatever the arrival order.
        Assert.Equal(activity.Buckets.OrderBy(b => b.StartMinute).ThenBy(b => b.WidthMinutes), activity.Buckets);
    }

    [Fact]
    public void ALateEventOlderThanTwoHoursGoesStraightIntoItsHourBucket()
    {
        var activity = CardActivity.Empty.Record(T0.AddHours(5), Large());

        activity = activity.Record(T0.AddMinutes(30), Small());

        var hour = Assert.Single(activity.Buckets, b => b.WidthMinutes == 60);
        Assert.Equal(MinuteOf(T0), hour.StartMinute);
        Assert.Equal(1, hour.SmallAuthorizations);
        Assert.Equal(0, activity.Count(VelocityMetric.SmallAuthorizations, OneHour, T0.AddHours(5)));
        Assert.Equal(1, activity.Count(VelocityMetric.SmallAuthorizations, TimeSpan.FromHours(6), T0.AddHours(5)));
    }

    [Fact]
    public void BucketCountStaysBoundedAfterAWeekOfAnEventEveryTenSeconds()
    {
        const int Events = 7 * 24 * 60 * 6;
        var activity = CardActivity.Empty;
        var maxBuckets = 0;
        var last = T0;
        for (var i = 0; i < Events; i++)
        {
            last = T0.AddSeconds(10L * i);
            activity = activity.Record(last, ActivityDelta.Attempt(i % 3 == 0, $"m{i % 50}"));
            var minuteBuckets = activity.Buckets.Count(b => b.WidthMinutes == 1);
            var hourBuckets = activity.Buckets.Count(b => b.WidthMinutes == 60);
            Assert.True(minuteBuckets <= 120, $"{minuteBuckets} minute buckets after event {i}");
            Assert.True(hourBuckets <= 169, $"{hourBuckets} hour buckets after event {i}");
            Assert.Equal(activity.Buckets.Length, minuteBuckets + hourBuckets);
            maxBuckets = Math.Max(maxBuckets, activity.Buckets.Length);
        }

        Assert.InRange(maxBuckets, 200, 120 + 169);
        Assert.Equal(activity.Buckets.Length, activity.Buckets.Select(b => (b.StartMinute, b.WidthMinutes)).Distinct().Count());
        Assert.All(activity.Buckets, b => Assert.True(b.Merchants.Length <= CardActivity.DistinctMerchantCap));

        // Nothing was lost in the folding: every event of the week is still counted, once.
        Assert.Equal(Events, activity.Count(VelocityMetric.Attempts, CardActivity.Retention, last));
        Assert.Equal((Events + 2) / 3, activity.Count(VelocityMetric.SmallAuthorizations, CardActivity.Retention, last));

        // Exactly 60 events lie in (T - 10 min, T]; at most one extra minute bucket (6 events) is added.
        Assert.InRange(activity.Count(VelocityMetric.Attempts, TenMinutes, last), 60, 66);
        Assert.InRange(activity.Count(VelocityMetric.Attempts, OneHour, last), 360, 366);
        Assert.Equal(CardActivity.DistinctMerchantCap, activity.Count(VelocityMetric.DistinctMerchants, OneHour, last));

        // Three more hours: the oldest hour buckets are now dropped as the newest are folded.
        for (var i = Events; i < Events + (3 * 60 * 6); i++)
        {
            last = T0.AddSeconds(10L * i);
            activity = activity.Record(last, ActivityDelta.Attempt(i % 3 == 0, $"m{i % 50}"));
            Assert.True(activity.Buckets.Count(b => b.WidthMinutes == 1) <= 120);
            Assert.True(activity.Buckets.Count(b => b.WidthMinutes == 60) <= 169);
        }

        Assert.All(activity.Buckets, b => Assert.True(b.EndMinute > MinuteOf(last - CardActivity.Retention)));
        var inWeek = Enumerable.Range(0, Events + (3 * 60 * 6)).Count(i => T0.AddSeconds(10L * i) > last - CardActivity.Retention);
        Assert.InRange(activity.Count(VelocityMetric.Attempts, CardActivity.Retention, last), inWeek, inWeek + 360);
    }

    [Fact]
    public void DistinctMerchantsSaturateAtTheCap()
    {
        var activity = CardActivity.Empty;
        for (var i = 0; i < 40; i++)
        {
            activity = activity.Record(T0.AddSeconds(i), Large($"merchant-{i}"));
        }

        var bucket = Assert.Single(activity.Buckets);
        Assert.Equal(CardActivity.DistinctMerchantCap, bucket.Merchants.Length);
        Assert.Equal(40, bucket.Attempts);
        Assert.Equal(CardActivity.DistinctMerchantCap, activity.Count(VelocityMetric.DistinctMerchants, OneHour, T0.AddSeconds(39)));
    }

    [Fact]
    public void DistinctMerchantsAcrossBucketsAreCountedOnceAndCapped()
    {
        var activity = CardActivity.Empty;
        for (var i = 0; i < 20; i++)
        {
            activity = activity.Record(T0.AddMinutes(i), Large($"merchant-{i % 10}"));
        }

        var asOf = T0.AddMinutes(19);
        Assert.Equal(10, activity.Count(VelocityMetric.DistinctMerchants, OneHour, asOf));

        for (var i = 0; i < 30; i++)
        {
            activity = activity.Record(asOf.AddMinutes(1 + i), Large($"other-{i}"));
        }

        Assert.Equal(CardActivity.DistinctMerchantCap, activity.Count(VelocityMetric.DistinctMerchants, OneHour, activity.LatestEventAt!.Value));
        // (12:19, 12:49]: the thirty others, plus merchant-9 whose bucket [12:19, 12:20) overlaps the open edge.
        Assert.Equal(31, activity.Count(VelocityMetric.DistinctMerchants, TimeSpan.FromMinutes(30), activity.LatestEventAt!.Value));
    }

    [Fact]
    public void FoldingSaturatedMinuteBucketsKeepsTheMerchantCap()
    {
        var activity = CardActivity.Empty;
        for (var i = 0; i < 100; i++)
        {
            activity = activity.Record(T0.AddSeconds(20 * i), Large($"merchant-{i}"));
        }

        activity = activity.Record(T0.AddHours(4), Large());

        Assert.All(activity.Buckets, b => Assert.InRange(b.Merchants.Length, 0, CardActivity.DistinctMerchantCap));
        Assert.Equal(CardActivity.DistinctMerchantCap, activity.Count(VelocityMetric.DistinctMerchants, TimeSpan.FromHours(5), T0.AddHours(4)));
    }

    [Fact]
    public void DeclinesDoNotAddMerchantsOrAttempts()
    {
        var activity = CardActivity.Empty.Record(T0, ActivityDelta.Decline);

        Assert.Equal(0, activity.Count(VelocityMetric.Attempts, OneHour, T0));
        Assert.Equal(0, activity.Count(VelocityMetric.DistinctMerchants, OneHour, T0));
        Assert.Equal(1, activity.Count(VelocityMetric.IssuerDeclines, OneHour, T0));
    }
}
