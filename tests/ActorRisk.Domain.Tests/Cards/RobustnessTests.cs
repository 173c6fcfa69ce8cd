namespace ActorRisk.Domain.Tests.Cards;

/// <summary>Inputs a broken or retrying gateway sends: none may take an authorization out of the counters or count it twice.</summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData(25 * 60)] // older than MaxTimestampAge (24 h)
    [InlineData(8 * 24 * 60)] // older than the counters keep anything
    public void OldTimestampsAreCountedNow(int minutesAgo)
    {
        var card = new CardScenario();
        var stamp = card.Now.AddMinutes(-minutesAgo);
        var first = card.Authorize(1, cvc: true, timestamp: stamp);
        var second = card.Authorize(1, cvc: true, timestamp: stamp);
        var third = card.Authorize(1, cvc: true, timestamp: stamp);

        Assert.Equal(card.Now, first.EvaluatedAt);
        Assert.NotEqual(RiskAction.Decline, second.Action);
        Assert.Equal(RiskAction.Decline, third.Action);
        Assert.Contains(third.Reasons, r => r.Code == ReasonCodes.SmallAuthBurst);
    }

    [Fact]
    public void DefaultTimestampOnANewCardIsReplacedByTheClock()
    {
        var card = new CardScenario();
        var decision = card.Authorize(5_000, timestamp: default(DateTimeOffset));

        Assert.Equal(card.Now, decision.EvaluatedAt);
        Assert.Equal(1, card.State.Activity.Count(VelocityMetric.Attempts, TimeSpan.FromMinutes(10), card.Now));
    }

    [Fact]
    public void StoreAndForwardTimestampsWithinTheAgeLimitKeepTheirTime()
    {
        var card = new CardScenario();
        var stamp = card.Now.AddHours(-3);
        card.Authorize(5_000, timestamp: stamp);

        Assert.Equal(stamp, card.State.RecentDecisions[0].At);
    }

    [Fact]
    public void OutcomeForAnUnknownAuthorizationIsIgnoredHoweverOftenItComes()
    {
        var card = new CardScenario();
        for (var i = 0; i < 5; i++)
        {
            card.Authorize(5_000);
        }

        var before = card.State;
        for (var i = 0; i < 3; i++)
        {
            card.Outcome("never-seen", approved: false);
        }

        Assert.Same(before, card.State);
        Assert.Equal(RiskAction.Approve, card.Authorize(5_000).Action);
    }

    [Fact]
    public void IndefiniteManualBlockIsReportedAsBlockedWithoutAnEnd()
    {
        var card = new CardScenario();
        card.State = card.Engine.Block(card.State, "Reported stolen", "operator@bank");
        var decision = card.Authorize(5_000);

        Assert.Equal(RiskAction.Decline, decision.Action);
        Assert.True(decision.CardBlocked);
        Assert.Null(decision.CardBlockedUntil);
    }

    [Fact]
    public void UnblockedDecisionSaysNotBlocked()
    {
        var decision = new CardScenario().Authorize(5_000);
        Assert.False(decision.CardBlocked);
        Assert.Null(decision.CardBlockedUntil);
    }

    [Fact]
    public void SmallAuthorizationLimitsDoNotDeclineANormalPurchase()
    {
        // Two small authorizations block the card for 2 minutes; after the block, still inside the 10-minute window,
        // a normal purchase comes: the burst limit judges small authorizations only, so it does not decline it.
        var policy = CardVelocityPolicy.Default with
        {
            Limits = [new VelocityLimit(ReasonCodes.SmallAuthBurst, VelocityMetric.SmallAuthorizations, TimeSpan.FromMinutes(10), 2, RiskAction.Decline, TimeSpan.FromMinutes(2))],
        };
        var card = new CardScenario(policy);
        card.Authorize(1);
        card.Advance(TimeSpan.FromMinutes(1));
        var second = card.Authorize(1);
        card.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(2, card.State.Activity.Count(VelocityMetric.SmallAuthorizations, TimeSpan.FromMinutes(10), card.Now));
        var purchase = card.Authorize(12_000);

        Assert.Equal(RiskAction.Decline, second.Action);
        Assert.DoesNotContain(purchase.Reasons, r => r.Code == ReasonCodes.SmallAuthBurst);
        Assert.Equal(RiskAction.Approve, purchase.Action);
    }

    [Fact]
    public void ARepeatedAuthorizationIdIsAnsweredAgainAndCountedOnce()
    {
        var card = new CardScenario();
        card.Authorize(1, id: "auth-a");
        card.Authorize(1, id: "auth-b");
        var repeat = card.Authorize(1, id: "auth-b");
        var third = card.Authorize(1, id: "auth-c");

        Assert.Equal(RiskAction.Approve, repeat.Action);
        Assert.All(repeat.Reasons, r => Assert.Contains("not counted again", r.Message, StringComparison.Ordinal));
        Assert.Equal(3, card.State.Activity.Count(VelocityMetric.SmallAuthorizations, TimeSpan.FromMinutes(10), card.Now));
        Assert.Equal(RiskAction.Decline, third.Action);
    }

    [Fact]
    public void NegativeAmountsAreRefused()
    {
        var card = new CardScenario();
        Assert.Throws<ArgumentOutOfRangeException>(() => card.Authorize(-500));
        Assert.Same(CardRiskState.New, card.State);
    }

    [Fact]
    public void OverrideWithDuplicateLimitCodesIsReportedAndTheLastOneWins()
    {
        var first = new VelocityLimit("strict", VelocityMetric.Attempts, TimeSpan.FromHours(1), 5, RiskAction.Review);
        var second = first with { Threshold = 3 };
        var policyOverride = new CardPolicyOverride { Limits = [first, second] };

        var errors = policyOverride.Validate(CardVelocityPolicy.Default);
        var applied = policyOverride.ApplyTo(CardVelocityPolicy.Default);

        Assert.Contains(errors, e => e.Field == "limits" && e.Message.Contains("strict", StringComparison.Ordinal));
        Assert.Equal(3, Assert.Single(applied.Limits, l => l.Code == "strict").Threshold);
    }

    [Fact]
    public void OverrideValidationReportsTheResolvedPolicysProblems()
    {
        var policyOverride = new CardPolicyOverride { DeclineRate = CardVelocityPolicy.Default.DeclineRate! with { Rate = 2m } };
        Assert.Contains(policyOverride.Validate(CardVelocityPolicy.Default), e => e.Field == "declineRate.rate");
        Assert.Empty(new CardPolicyOverride().Validate(CardVelocityPolicy.Default));
    }
}
