namespace ActorRisk.Domain.Tests.Cards;

/// <summary>
/// Default decline-rate rule: at least 5 earlier attempts within 1 h and the issuer declined at least 50% of them
/// -> decline and block 24 h. Issuer answers arrive through <see cref="CardRiskEngine.RecordOutcome"/>.
/// </summary>
public sealed class DeclineRateTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    /// <summary>Attempts two minutes apart; the issuer declines the last <paramref name="declines"/> of them.</summary>
    private static CardScenario AttemptsWithDeclines(int attempts, int declines)
    {
        var card = new CardScenario();
        for (var i = 0; i < attempts; i++)
        {
            DecisionAssert.Approved(card.Authorize(5_000));
            card.Outcome(card.LastId, approved: i < attempts - declines);
            card.Advance(TimeSpan.FromMinutes(2));
        }

        return card;
    }

    [Theory]
    [InlineData(5, 3)]
    [InlineData(5, 5)]
    [InlineData(6, 3)] // exactly 50%
    [InlineData(8, 4)]
    public void AHighIssuerDeclineRateDeclinesTheNextAttemptAndBlocksTheCard(int attempts, int declines)
    {
        var card = AttemptsWithDeclines(attempts, declines);

        var next = card.Authorize(5_000);

        Assert.Equal(RiskAction.Decline, next.Action);
        var reason = DecisionAssert.HasReason(next, ReasonCodes.DeclineRate, RiskAction.Decline);
        Assert.Contains($"Issuer declined {declines} of the last {attempts} attempts", reason.Message, StringComparison.Ordinal);
        Assert.Equal(card.Now + Day, next.CardBlockedUntil);
        Assert.Equal(ReasonCodes.DeclineRate, card.State.Block!.ReasonCode);
    }

    [Theory]
    [InlineData(4, 4)] // too few attempts, however bad
    [InlineData(5, 2)] // 40%
    [InlineData(7, 3)] // 43%
    [InlineData(5, 0)]
    public void BelowTheRateOrTheMinimumNothingHappens(int attempts, int declines)
    {
        var card = AttemptsWithDeclines(attempts, declines);

        var next = card.Authorize(5_000);

        DecisionAssert.Approved(next);
        Assert.Null(card.State.Block);
    }

    [Fact]
    public void OnlyAttemptsWithinTheHourCount()
    {
        var card = AttemptsWithDeclines(5, 5);

        // The five attempts were at 12:00 ... 12:08; at 13:09 the window (12:09, 13:09] holds none of their buckets.
        card.At(CardScenario.Start + TimeSpan.FromMinutes(69));
        DecisionAssert.Approved(card.Authorize(5_000));
    }

    [Fact]
    public void TheAttemptBeingDecidedIsNotPartOfTheRate()
    {
        // Four declined attempts: the fifth is judged on four earlier ones (too few) even though it is the fifth.
        var card = AttemptsWithDeclines(4, 4);
        DecisionAssert.Approved(card.Authorize(5_000));
        card.Outcome(card.LastId, approved: false);

        // Now five earlier attempts, all declined.
        DecisionAssert.HasReason(card.Authorize(5_000), ReasonCodes.DeclineRate, RiskAction.Decline);
    }

    [Fact]
    public void ADeclineCountsAtTheTimeOfItsAuthorizationNotWhenItIsReported()
    {
        var card = new CardScenario();
        var at = card.Now;
        card.Authorize(5_000);
        var id = card.LastId;

        card.Advance(TimeSpan.FromMinutes(30));
        card.Outcome(id, approved: false);

        var activity = card.State.Activity;
        Assert.Equal(at, activity.LatestEventAt);
        Assert.Equal(1, activity.Count(VelocityMetric.IssuerDeclines, TimeSpan.FromMinutes(1), at));
        Assert.Equal(0, activity.Count(VelocityMetric.IssuerDeclines, TimeSpan.FromMinutes(10), at + TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void RecordOutcomeMarksTheDecision()
    {
        var card = new CardScenario();
        card.Authorize(5_000);
        var declined = card.LastId;
        card.Authorize(5_000);
        var approved = card.LastId;

        card.Outcome(declined, approved: false);
        card.Outcome(approved, approved: true);

        Assert.False(card.State.FindDecision(declined)!.IssuerApproved);
        Assert.True(card.State.FindDecision(approved)!.IssuerApproved);
        Assert.Equal(1, card.State.Activity.Count(VelocityMetric.IssuerDeclines, TimeSpan.FromHours(1), card.Now));
        Assert.Equal([approved, declined], card.State.RecentDecisions.Select(d => d.AuthorizationId));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void RecordOutcomeIsIdempotent(bool first, bool second)
    {
        var card = new CardScenario();
        card.Authorize(5_000);
        var id = card.LastId;
        card.Outcome(id, first);
        var once = card.State;

        var twice = CardRiskEngine.RecordOutcome(once, id, second);

        Assert.Same(once, twice);
        Assert.Equal(first, twice.FindDecision(id)!.IssuerApproved);
        Assert.Equal(first ? 0 : 1, twice.Activity.Count(VelocityMetric.IssuerDeclines, TimeSpan.FromHours(1), card.Now));
    }

    [Fact]
    public void RepeatedDeclineReportsDoNotInflateTheRate()
    {
        var card = new CardScenario();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            card.Authorize(5_000);
            ids.Add(card.LastId);
            card.Advance(TimeSpan.FromMinutes(1));
        }

        // Two real declines, each reported three times: still 2 of 5.
        for (var repeat = 0; repeat < 3; repeat++)
        {
            card.Outcome(ids[0], approved: false);
            card.Outcome(ids[1], approved: false);
        }

        DecisionAssert.Approved(card.Authorize(5_000));
    }

    [Fact]
    public void TheRuleCanBeSwitchedOffOrMadeMilder()
    {
        var off = AttemptsWithDeclines(5, 5);
        off.Policy = CardVelocityPolicy.Default with { DeclineRate = null };
        DecisionAssert.Approved(off.Authorize(5_000));

        var disabled = AttemptsWithDeclines(5, 5);
        disabled.Policy = CardVelocityPolicy.Default with { DeclineRate = CardVelocityPolicy.Default.DeclineRate! with { Enabled = false } };
        DecisionAssert.Approved(disabled.Authorize(5_000));

        var review = AttemptsWithDeclines(5, 5);
        review.Policy = CardVelocityPolicy.Default with
        {
            DeclineRate = new DeclineRateLimit(TimeSpan.FromHours(1), MinAttempts: 5, Rate: 0.5m, RiskAction.Review),
        };
        var decision = review.Authorize(5_000);
        Assert.Equal(RiskAction.Review, decision.Action);
        DecisionAssert.HasReason(decision, ReasonCodes.DeclineRate, RiskAction.Review);
        Assert.Null(decision.CardBlockedUntil);
        Assert.Null(review.State.Block);
    }
}
