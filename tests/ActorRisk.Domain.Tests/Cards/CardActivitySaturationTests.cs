namespace ActorRisk.Domain.Tests.Cards;

/// <summary>
/// A card's counters at the edge of <see cref="int.MaxValue"/>: they stay at the largest count instead of overflowing,
/// whether one bucket fills, buckets merge when minutes fold into hours, or a window sums full buckets.
/// </summary>
public sealed class CardActivitySaturationTests
{
    private static readonly DateTimeOffset T0 = CardScenario.Start;
    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);

    private static long MinuteOf(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / 60;

    private static ActivityBucket Full(DateTimeOffset at) =>
        new(MinuteOf(at), 1, int.MaxValue, int.MaxValue, int.MaxValue, []);

    [Fact]
    public void ABucketAtTheLargestCountStaysThereWhenMoreArrive()
    {
        var activity = new CardActivity([Full(T0)], T0)
            .Record(T0.AddSeconds(10), ActivityDelta.Attempt(small: true, "m"))
            .Record(T0.AddSeconds(20), ActivityDelta.Decline);

        foreach (var metric in new[] { VelocityMetric.Attempts, VelocityMetric.SmallAuthorizations, VelocityMetric.IssuerDeclines })
        {
            Assert.Equal(int.MaxValue, activity.Count(metric, OneHour, T0.AddSeconds(30)));
        }
    }

    [Fact]
    public void AWindowOverSeveralFullBucketsCountsTheLargestCount()
    {
        var activity = new CardActivity([Full(T0), Full(T0.AddMinutes(1)), Full(T0.AddMinutes(2))], T0.AddMinutes(2));

        Assert.Equal(int.MaxValue, activity.Count(VelocityMetric.Attempts, OneHour, T0.AddMinutes(2)));
    }

    [Fact]
    public void FullMinuteBucketsFoldIntoAFullHourBucket()
    {
        var activity = new CardActivity([Full(T0), Full(T0.AddMinutes(1))], T0.AddMinutes(1));

        // Far enough on that the minutes are folded into their hour, but still within retention.
        var later = activity.Record(T0.AddDays(2), ActivityDelta.Attempt(small: false, "m"));

        Assert.Contains(later.Buckets, b => b.WidthMinutes == 60 && b.StartMinute <= MinuteOf(T0) && b.Attempts == int.MaxValue);
        Assert.Equal(int.MaxValue, later.Count(VelocityMetric.Attempts, TimeSpan.FromDays(3), T0.AddDays(2)));
    }

    [Fact]
    public void ABucketOneBelowTheLargestCountTakesItsLastAttempt()
    {
        var activity = new CardActivity([Full(T0) with { Attempts = int.MaxValue - 1 }], T0)
            .Record(T0.AddSeconds(5), ActivityDelta.Attempt(small: false, "m"));

        Assert.Equal(int.MaxValue, activity.Count(VelocityMetric.Attempts, OneHour, T0.AddSeconds(5)));
    }
}
