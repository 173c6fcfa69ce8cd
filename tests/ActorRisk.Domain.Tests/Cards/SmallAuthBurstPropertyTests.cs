namespace ActorRisk.Domain.Tests.Cards;

/// <summary>
/// Random streams of small authorizations (seeded) against a naive reference that keeps every timestamp.
/// The reference uses the documented window definition, not an idealised one: an event at e is in the window
/// W at T when the end of e's minute bucket is after T - W (and e &lt;= T). Windows over an hour use the
/// documented hour folding (see <see cref="CardActivityPropertyTests.ReferenceCount"/>).
/// </summary>
public sealed class SmallAuthBurstPropertyTests
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    public enum Profile
    {
        /// <summary>Mostly seconds to minutes apart, with gaps aimed at the 10-minute edge.</summary>
        Bursty,

        /// <summary>Mostly tens of minutes apart: the daily limit gets its turn.</summary>
        Sparse,
    }

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 20; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    public static TheoryData<int, Profile> SeedsAndProfiles()
    {
        var data = new TheoryData<int, Profile>();
        for (var seed = 1; seed <= 20; seed++)
        {
            data.Add(seed, Profile.Bursty);
            data.Add(seed, Profile.Sparse);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void BurstLimitBlocksAtTheFirstAuthWhereTheReferenceCountReachesThree(int seed)
    {
        var times = Generate(seed, Profile.Bursty, count: 40);
        var policy = CardVelocityPolicy.Default with { Limits = [CardVelocityPolicy.Default.Limits[0]] };

        var expected = ReferenceTrips(times, BurstOnly);
        var actual = RunEngine(policy, times, times, unblockAndGoOn: false);

        Assert.NotEmpty(times);
        Assert.Equal(expected.Take(1), actual);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryBurstAfterAnUnblockIsCaughtAtTheSameAuthAsTheReference(int seed)
    {
        var times = Generate(seed, Profile.Bursty, count: 120);
        var policy = CardVelocityPolicy.Default with { Limits = [CardVelocityPolicy.Default.Limits[0]] };

        var expected = ReferenceTrips(times, BurstOnly, unblockAndGoOn: true);
        var actual = RunEngine(policy, times, times, unblockAndGoOn: true);

        Assert.True(expected.Count >= 3, $"seed {seed}: only {expected.Count} bursts");
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(SeedsAndProfiles))]
    public void DefaultPolicyBlocksWhereTheReferenceSaysBurstOrDailyLimitTrips(int seed, Profile profile)
    {
        var times = Generate(seed, profile, count: 150);

        var expected = ReferenceTrips(times, DefaultBlockingLimits, unblockAndGoOn: true);
        var actual = RunEngine(CardVelocityPolicy.Default, times, times, unblockAndGoOn: true);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(SeedsAndProfiles))]
    public void OutOfOrderDeliveryIsJudgedAtTheLatestTimeSeen(int seed, Profile profile)
    {
        var times = Generate(seed, profile, count: 150);
        var random = new Random(seed * 7919);
        var arrivals = times
            .Select(t => (Event: t, Arrival: t + TimeSpan.FromMilliseconds(random.Next(0, 240_000))))
            .OrderBy(x => x.Arrival)
            .ToList();
        var eventTimes = arrivals.Select(x => x.Event).ToList();
        var arrivalTimes = arrivals.Select(x => x.Arrival).ToList();
        Assert.Contains(eventTimes.Zip(eventTimes.Skip(1)), pair => pair.Second < pair.First);

        var expected = ReferenceTrips(eventTimes, DefaultBlockingLimits, unblockAndGoOn: true);
        var actual = RunEngine(CardVelocityPolicy.Default, eventTimes, arrivalTimes, unblockAndGoOn: true);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TheGeneratedStreamsReachTheInterestingCases()
    {
        // Guards the theories above against a generator that never blocks, always blocks at once,
        // or never puts an event on the conservative edge of its window.
        var bursty = Enumerable.Range(1, 20).Select(seed => Generate(seed, Profile.Bursty, count: 40)).ToList();
        var reference = bursty.Select(t => ReferenceTrips(t, BurstOnly).FirstOrDefault().Index).ToList();
        var exact = bursty.Select(t => ReferenceTrips(t, (seen, asOf) => ExactCount(seen, TenMinutes, asOf) >= 3 ? [ReasonCodes.SmallAuthBurst] : []).FirstOrDefault().Index).ToList();

        Assert.True(reference.Count(i => i > 0) >= 15);
        Assert.True(reference.Distinct().Count() >= 4);
        Assert.Contains(reference.Zip(exact), pair => pair.First != pair.Second);

        var sparse = Enumerable.Range(1, 20).SelectMany(seed => ReferenceTrips(Generate(seed, Profile.Sparse, 150), DefaultBlockingLimits, unblockAndGoOn: true)).ToList();
        Assert.Contains(sparse, trip => trip.Codes == ReasonCodes.SmallAuthDaily);
        Assert.Contains(sparse, trip => trip.Codes == ReasonCodes.SmallAuthBurst);
        Assert.Contains(sparse, trip => trip.Codes == $"{ReasonCodes.SmallAuthBurst},{ReasonCodes.SmallAuthDaily}");
    }

    /// <summary>The documented definition for windows of an hour or less: e counts at T when its minute ends after T - W.</summary>
    private static int MinuteBucketCount(IEnumerable<DateTimeOffset> seen, TimeSpan window, DateTimeOffset asOf) =>
        seen.Count(e => MinuteEnd(e) > asOf - window && e <= asOf);

    /// <summary>The idealised window (T - W, T], used only to show the streams reach the conservative edge.</summary>
    private static int ExactCount(IEnumerable<DateTimeOffset> seen, TimeSpan window, DateTimeOffset asOf) =>
        seen.Count(e => e > asOf - window && e <= asOf);

    private static DateTimeOffset MinuteEnd(DateTimeOffset e) =>
        DateTimeOffset.FromUnixTimeSeconds(((e.ToUnixTimeSeconds() / 60) + 1) * 60);

    private static string[] BurstOnly(List<DateTimeOffset> seen, DateTimeOffset asOf) =>
        MinuteBucketCount(seen, TenMinutes, asOf) >= 3 ? [ReasonCodes.SmallAuthBurst] : [];

    /// <summary>The default limits that block: 3 small in 10 minutes, 6 small in 24 hours (hour-folded).</summary>
    private static string[] DefaultBlockingLimits(List<DateTimeOffset> seen, DateTimeOffset asOf)
    {
        var codes = new List<string>();
        if (MinuteBucketCount(seen, TenMinutes, asOf) >= 3)
        {
            codes.Add(ReasonCodes.SmallAuthBurst);
        }

        if (CardActivityPropertyTests.ReferenceCount(seen, Day, asOf) >= 6)
        {
            codes.Add(ReasonCodes.SmallAuthDaily);
        }

        return [.. codes];
    }

    /// <summary>
    /// Naive reference: keeps every event time; judges each authorization at the latest event time seen; after
    /// a trip, an unblock forgives everything seen so far (the engine's documented Unblock).
    /// </summary>
    private static List<(int Index, string Codes)> ReferenceTrips(
        List<DateTimeOffset> eventTimes,
        Func<List<DateTimeOffset>, DateTimeOffset, string[]> limits,
        bool unblockAndGoOn = false)
    {
        var trips = new List<(int, string)>();
        var seen = new List<DateTimeOffset>();
        var latest = DateTimeOffset.MinValue;
        for (var i = 0; i < eventTimes.Count; i++)
        {
            latest = eventTimes[i] > latest ? eventTimes[i] : latest;
            seen.Add(eventTimes[i]);
            var codes = limits(seen, latest);
            if (codes.Length > 0)
            {
                trips.Add((i, string.Join(',', codes)));
                if (!unblockAndGoOn)
                {
                    break;
                }

                seen.Clear();
            }
        }

        return trips;
    }

    private static List<(int Index, string Codes)> RunEngine(
        CardVelocityPolicy policy,
        List<DateTimeOffset> eventTimes,
        List<DateTimeOffset> arrivalTimes,
        bool unblockAndGoOn)
    {
        string[] blocking = [ReasonCodes.SmallAuthBurst, ReasonCodes.SmallAuthDaily];
        var trips = new List<(int, string)>();
        var card = new CardScenario(policy);
        var random = new Random(eventTimes.Count);
        for (var i = 0; i < eventTimes.Count; i++)
        {
            card.At(arrivalTimes[i]);
            var decision = card.Authorize(random.Next(0, 101), merchant: $"m{random.Next(3)}", timestamp: eventTimes[i]);
            Assert.True(decision.SmallAuthorization);
            if (decision.CardBlockedUntil is { } until)
            {
                Assert.Equal(RiskAction.Decline, decision.Action);
                Assert.Equal(arrivalTimes[i] + Day, until);
                trips.Add((i, string.Join(',', decision.Reasons.Select(r => r.Code).Where(blocking.Contains))));
                if (!unblockAndGoOn)
                {
                    break;
                }

                card.State = CardRiskEngine.Unblock(card.State);
                continue;
            }

            Assert.NotEqual(RiskAction.Decline, decision.Action);
            Assert.Null(card.State.Block);
        }

        return trips;
    }

    private static List<DateTimeOffset> Generate(int seed, Profile profile, int count)
    {
        var random = new Random(seed);
        var times = new List<DateTimeOffset>(count);
        var time = CardScenario.Start + TimeSpan.FromMilliseconds(random.Next(0, 3_600_000));
        for (var i = 0; i < count; i++)
        {
            times.Add(time);
            var roll = random.Next(100);
            TimeSpan gap;
            if (i >= 1 && roll < 25)
            {
                // Aim the next event so that it falls 600-660 s after the one before last: the edge of the window.
                var target = times[^2] + TimeSpan.FromMilliseconds(random.Next(600_000, 660_001));
                gap = target > time ? target - time : TimeSpan.FromMilliseconds(random.Next(0, 1_000));
            }
            else
            {
                gap = profile switch
                {
                    Profile.Bursty when roll < 60 => TimeSpan.FromMilliseconds(random.Next(0, 180_000)),
                    Profile.Bursty when roll < 90 => TimeSpan.FromMilliseconds(random.Next(180_000, 720_000)),
                    Profile.Bursty => TimeSpan.FromMinutes(random.Next(12, 360)),
                    _ when roll < 40 => TimeSpan.FromMilliseconds(random.Next(300_000, 700_000)),
                    _ when roll < 85 => TimeSpan.FromMinutes(random.Next(11, 240)),
                    _ => TimeSpan.FromMinutes(random.Next(240, 1_800)),
                };
            }

            time += gap;
        }

        return times;
    }
}
