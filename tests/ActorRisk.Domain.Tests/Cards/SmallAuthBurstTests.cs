namespace ActorRisk.Domain.Tests.Cards;

/// <summary>Default policy: 3 small authorizations (JPY 100 or less) within 10 minutes -> decline and block 24 h.</summary>
public sealed class SmallAuthBurstTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public void ThirdSmallAuthWithinTenMinutesIsDeclinedAndBlocksTheCardForADay()
    {
        var card = new CardScenario();

        var first = card.Authorize(100);
        card.Advance(TimeSpan.FromMinutes(3));
        var second = card.Authorize(1);
        card.Advance(TimeSpan.FromMinutes(4));
        var third = card.Authorize(50);

        DecisionAssert.Approved(first);
        DecisionAssert.Approved(second);
        Assert.True(first.SmallAuthorization);
        Assert.True(second.SmallAuthorization);

        Assert.Equal(RiskAction.Decline, third.Action);
        Assert.True(third.SmallAuthorization);
        var reason = DecisionAssert.HasReason(third, ReasonCodes.SmallAuthBurst, RiskAction.Decline);
        Assert.Contains("3 small authorizations (JPY 100 or less) within 10 min (limit 3)", reason.Message, StringComparison.Ordinal);
        Assert.Equal(card.Now + Day, third.CardBlockedUntil);
        Assert.Equal(card.Now, third.EvaluatedAt);

        var block = Assert.IsType<CardBlock>(card.State.Block);
        Assert.Equal(ReasonCodes.SmallAuthBurst, block.ReasonCode);
        Assert.Equal(card.Now, block.Since);
        Assert.Equal(card.Now + Day, block.Until);
        Assert.Null(block.BlockedBy);
        Assert.True(card.State.IsBlocked(card.Now));
    }

    [Fact]
    public void OneHundredYenIsSmallButOneHundredAndOneIsNot()
    {
        var card = new CardScenario();

        var hundred = card.Authorize(100);
        var hundredOne = card.Authorize(101);

        Assert.True(hundred.SmallAuthorization);
        Assert.False(hundredOne.SmallAuthorization);
    }

    [Fact]
    public void ThreeAuthsOfOneHundredAndOneYenDoNotBlock()
    {
        var card = new CardScenario();

        for (var i = 0; i < 3; i++)
        {
            DecisionAssert.Approved(card.Authorize(101));
            card.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Null(card.State.Block);
    }

    [Fact]
    public void ZeroAmountVerificationsCountAsSmall()
    {
        var card = new CardScenario();

        var first = card.Authorize(0);
        card.Advance(TimeSpan.FromSeconds(20));
        card.Authorize(0);
        card.Advance(TimeSpan.FromSeconds(20));
        var third = card.Authorize(0);

        Assert.True(first.SmallAuthorization);
        DecisionAssert.Approved(first);
        Assert.Equal(RiskAction.Decline, third.Action);
        DecisionAssert.HasReason(third, ReasonCodes.SmallAuthBurst, RiskAction.Decline);
    }

    [Fact]
    public void LargeAttemptsInBetweenDoNotCountAsSmall()
    {
        var card = new CardScenario();

        card.Authorize(100);
        card.Authorize(5_000);
        card.Authorize(12_000);
        var second = card.Authorize(100);

        DecisionAssert.Approved(second);
        Assert.Null(card.State.Block);
    }

    /// <summary>
    /// First small auth at 12:00:00 + <paramref name="firstSecond"/>, second at 12:05:00, third at 12:00:00 + <paramref name="thirdSecond"/>.
    /// The first counts at the third when its minute bucket [12:00, 12:01) ends after (third - 10 min): never missed
    /// while inside (third - 10 min, third], and counted up to one minute bucket after it left.
    /// </summary>
    [Theory]
    [InlineData(0, 599, true)] // inside the window
    [InlineData(0, 600, true)] // exactly on the open edge: outside, but its bucket overlaps (conservative)
    [InlineData(0, 659, true)] // 59 s after it left: still the same bucket
    [InlineData(0, 660, false)] // 10 min + 1 bucket: gone
    [InlineData(30, 629, true)]
    [InlineData(30, 630, true)]
    [InlineData(30, 659, true)]
    [InlineData(30, 660, false)]
    [InlineData(59, 658, true)]
    [InlineData(59, 659, true)]
    [InlineData(59, 660, false)]
    [InlineData(59, 700, false)]
    [InlineData(0, 900, false)]
    public void SpacingAtTheWindowEdgeFollowsTheMinuteBuckets(int firstSecond, int thirdSecond, bool blocked)
    {
        var card = new CardScenario();
        var start = card.Now;

        card.At(start.AddSeconds(firstSecond));
        DecisionAssert.Approved(card.Authorize(100));
        card.At(start.AddMinutes(5));
        DecisionAssert.Approved(card.Authorize(100));
        card.At(start.AddSeconds(thirdSecond));
        var third = card.Authorize(100);

        if (blocked)
        {
            Assert.Equal(RiskAction.Decline, third.Action);
            DecisionAssert.HasReason(third, ReasonCodes.SmallAuthBurst, RiskAction.Decline);
            Assert.Equal(card.Now + Day, third.CardBlockedUntil);
        }
        else
        {
            DecisionAssert.Approved(third);
            Assert.Null(card.State.Block);
        }
    }

    [Fact]
    public void OneSmallAuthEveryFiveAndAHalfMinutesNeverTripsTheBurstLimit()
    {
        // Any three consecutive ones span eleven minutes: the first has always left with its bucket.
        // Only the burst limit, so the daily one (6 in 24 h) does not get in the way.
        var card = new CardScenario(CardVelocityPolicy.Default with { Limits = [CardVelocityPolicy.Default.Limits[0]] });
        for (var i = 0; i < 20; i++)
        {
            var decision = card.Authorize(100);
            DecisionAssert.Approved(decision);
            card.Advance(TimeSpan.FromSeconds(330));
        }

        Assert.Null(card.State.Block);
    }

    [Fact]
    public void TheBlockLastsExactlyUntilItsEnd()
    {
        var card = new CardScenario();
        card.Authorize(100);
        card.Advance(TimeSpan.FromMinutes(1));
        card.Authorize(100);
        card.Advance(TimeSpan.FromMinutes(1));
        var burst = card.Authorize(100);
        var end = card.Now + Day;
        Assert.Equal(end, burst.CardBlockedUntil);

        card.At(end - TimeSpan.FromSeconds(1));
        Assert.True(card.State.IsBlocked(card.Now));
        var stillBlocked = card.Authorize(5_000);
        Assert.Equal(RiskAction.Decline, stillBlocked.Action);
        Assert.Equal(ReasonCodes.CardBlocked, stillBlocked.Reasons[0].Code);
        Assert.Equal(end, stillBlocked.CardBlockedUntil);
        Assert.Contains("until 2025-03-11 12:02 UTC", stillBlocked.Reasons[0].Message, StringComparison.Ordinal);

        card.At(end);
        Assert.False(card.State.IsBlocked(end));
        var free = card.Authorize(5_000);
        DecisionAssert.Approved(free);
    }

    [Fact]
    public void AttemptsDuringTheBlockAreDeclinedButDoNotExtendIt()
    {
        var card = new CardScenario();
        card.Authorize(100);
        card.Authorize(100);
        card.Authorize(100);
        var block = card.State.Block;
        var end = card.Now + Day;

        // A second burst an hour later: declined, counted, but the block still ends where it did.
        card.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 3; i++)
        {
            var decision = card.Authorize(100);
            Assert.Equal(RiskAction.Decline, decision.Action);
            Assert.Equal(ReasonCodes.CardBlocked, decision.Reasons[0].Code);
            Assert.Equal(RiskAction.Decline, decision.Reasons[0].Action);
            Assert.Equal(end, decision.CardBlockedUntil);
            Assert.Same(block, card.State.Block);
            card.Advance(TimeSpan.FromMinutes(1));
        }

        // The attempts did count: the last one of the three matched the burst limit again.
        Assert.Contains(ReasonCodes.SmallAuthBurst, card.State.RecentDecisions[0].ReasonCodes);
        Assert.Equal(3, card.State.Activity.Count(VelocityMetric.SmallAuthorizations, TimeSpan.FromMinutes(10), card.State.Activity.LatestEventAt!.Value));

        card.At(end - TimeSpan.FromTicks(1));
        Assert.True(card.State.IsBlocked(card.Now));
        card.At(end);
        Assert.False(card.State.IsBlocked(card.Now));
    }

    [Fact]
    public void TheBlockStartsAtTheClockNotAtTheGatewayTimestamp()
    {
        var card = new CardScenario();
        var stamped = card.Now - TimeSpan.FromMinutes(3);

        card.Authorize(100, timestamp: stamped);
        card.Authorize(100, timestamp: stamped);
        var third = card.Authorize(100, timestamp: stamped);

        Assert.Equal(card.Now + Day, third.CardBlockedUntil);
        Assert.Equal(stamped, third.EvaluatedAt);
    }

    [Fact]
    public void SixSmallAuthsInADaySpreadOutAreDeclinedByTheDailyLimit()
    {
        var card = new CardScenario();
        for (var i = 0; i < 5; i++)
        {
            DecisionAssert.Approved(card.Authorize(100));
            card.Advance(TimeSpan.FromHours(3));
        }

        var sixth = card.Authorize(100);

        Assert.Equal(RiskAction.Decline, sixth.Action);
        DecisionAssert.HasReason(sixth, ReasonCodes.SmallAuthDaily, RiskAction.Decline);
        DecisionAssert.LacksReason(sixth, ReasonCodes.SmallAuthBurst);
        Assert.Equal(card.Now + Day, sixth.CardBlockedUntil);
        Assert.Equal(ReasonCodes.SmallAuthDaily, card.State.Block!.ReasonCode);
    }

    [Fact]
    public void OtherCurrenciesUseTheirOwnThreshold()
    {
        var usd = new CardScenario();
        Assert.True(usd.Authorize(100, "USD").SmallAuthorization); // USD 1.00
        Assert.False(usd.Authorize(101, "USD").SmallAuthorization);

        var krw = new CardScenario();
        Assert.True(krw.Authorize(1_000, "KRW").SmallAuthorization);
        Assert.False(krw.Authorize(1_001, "KRW").SmallAuthorization);

        var chf = new CardScenario(); // no entry: one major unit
        Assert.True(chf.Authorize(100, "CHF").SmallAuthorization);
        Assert.False(chf.Authorize(101, "CHF").SmallAuthorization);

        var bhd = new CardScenario(); // three digits: one major unit is 1,000 minor units
        Assert.True(bhd.Authorize(1_000, "BHD").SmallAuthorization);
        Assert.False(bhd.Authorize(1_001, "BHD").SmallAuthorization);
    }

    [Fact]
    public void SmallAuthsAtDifferentMerchantsStillCountTogether()
    {
        var card = new CardScenario();

        card.Authorize(10, merchant: "shop-a");
        card.Authorize(10, merchant: "shop-b");
        var third = card.Authorize(10, merchant: "shop-c");

        DecisionAssert.HasReason(third, ReasonCodes.SmallAuthBurst, RiskAction.Decline);
    }
}
