namespace ActorRisk.Domain.Tests.Cards;

/// <summary>Manual blocks by an operator, <see cref="CardRiskEngine.Unblock"/>, and <see cref="CardBlock.IsActive"/>.</summary>
public sealed class CardBlockTests
{
    private static readonly DateTimeOffset T0 = CardScenario.Start;

    [Fact]
    public void IsActiveIsHalfOpen()
    {
        var block = new CardBlock(T0, T0.AddHours(1), ReasonCodes.ManualBlock, "test", "ops");

        Assert.False(block.IsActive(T0.AddTicks(-1)));
        Assert.True(block.IsActive(T0));
        Assert.True(block.IsActive(T0.AddHours(1).AddTicks(-1)));
        Assert.False(block.IsActive(T0.AddHours(1)));
    }

    [Fact]
    public void AnOpenEndedBlockNeverExpires()
    {
        var block = new CardBlock(T0, null, ReasonCodes.ManualBlock, "test", "ops");

        Assert.True(block.IsActive(T0.AddYears(50)));
        Assert.False(block.IsActive(T0.AddSeconds(-1)));
    }

    [Fact]
    public void AManualBlockWithoutEndHoldsUntilUnblocked()
    {
        var card = new CardScenario();
        card.State = card.Engine.Block(card.State, "Cardholder reported the card stolen", "analyst@example.com");

        var block = Assert.IsType<CardBlock>(card.State.Block);
        Assert.Null(block.Until);
        Assert.Equal(ReasonCodes.ManualBlock, block.ReasonCode);
        Assert.Equal("analyst@example.com", block.BlockedBy);
        Assert.Equal(card.Now, block.Since);

        card.Advance(TimeSpan.FromDays(400));
        var decision = card.Authorize(5_000);

        Assert.Equal(RiskAction.Decline, decision.Action);
        var reason = DecisionAssert.HasReason(decision, ReasonCodes.CardBlocked, RiskAction.Decline);
        Assert.Contains("by analyst@example.com", reason.Message, StringComparison.Ordinal);
        Assert.Contains("until an operator unblocks it", reason.Message, StringComparison.Ordinal);
        Assert.Contains("Cardholder reported the card stolen", reason.Message, StringComparison.Ordinal);
        Assert.True(card.State.IsBlocked(card.Now));
    }

    [Fact]
    public void AManualBlockWithAnEndExpires()
    {
        var card = new CardScenario();
        var until = card.Now.AddHours(2);
        card.State = card.Engine.Block(card.State, "Suspicious pattern", "ops", until);

        card.At(until.AddSeconds(-1));
        var during = card.Authorize(5_000);
        Assert.Equal(RiskAction.Decline, during.Action);
        Assert.Equal(until, during.CardBlockedUntil);

        card.At(until);
        DecisionAssert.Approved(card.Authorize(5_000));
    }

    [Fact]
    public void AManualBlockMustEndInTheFuture()
    {
        var card = new CardScenario();

        Assert.Throws<ArgumentOutOfRangeException>(() => card.Engine.Block(card.State, "r", "ops", card.Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => card.Engine.Block(card.State, "r", "ops", card.Now.AddMinutes(-1)));
    }

    [Theory]
    [InlineData("", "ops")]
    [InlineData(" ", "ops")]
    [InlineData("reason", "")]
    [InlineData("reason", "  ")]
    public void AManualBlockNeedsAReasonAndAnOperator(string reason, string blockedBy)
    {
        var card = new CardScenario();

        Assert.ThrowsAny<ArgumentException>(() => card.Engine.Block(card.State, reason, blockedBy));
    }

    [Fact]
    public void AnAutomaticLimitDoesNotReplaceAManualBlock()
    {
        var card = new CardScenario();
        card.State = card.Engine.Block(card.State, "Fraud report", "ops");
        var manual = card.State.Block;

        card.Authorize(100);
        card.Authorize(100);
        var burst = card.Authorize(100);

        Assert.Equal(RiskAction.Decline, burst.Action);
        Assert.Equal([ReasonCodes.CardBlocked, ReasonCodes.SmallAuthBurst], DecisionAssert.Codes(burst));
        Assert.Same(manual, card.State.Block);
    }

    [Fact]
    public void UnblockClearsTheBlockAndForgivesTheCounters()
    {
        var card = new CardScenario();
        card.Authorize(100);
        card.Authorize(100);
        var burst = card.Authorize(100);
        Assert.NotNull(burst.CardBlockedUntil);
        var latest = card.State.Activity.LatestEventAt;

        card.State = CardRiskEngine.Unblock(card.State);

        Assert.Null(card.State.Block);
        Assert.False(card.State.IsBlocked(card.Now));
        Assert.Empty(card.State.Activity.Buckets);
        Assert.Equal(latest, card.State.Activity.LatestEventAt);
        Assert.Equal(3, card.State.RecentDecisions.Length);

        // Without the forgiveness this would be the fourth small auth in ten minutes.
        card.Advance(TimeSpan.FromMinutes(1));
        DecisionAssert.Approved(card.Authorize(100));
        Assert.Null(card.State.Block);
    }

    [Fact]
    public void UnblockLiftsAManualBlock()
    {
        var card = new CardScenario();
        card.State = card.Engine.Block(card.State, "Check with cardholder", "ops");

        card.State = CardRiskEngine.Unblock(card.State);

        DecisionAssert.Approved(card.Authorize(5_000));
    }

    [Fact]
    public void UnblockingANewCardIsHarmless()
    {
        var state = CardRiskEngine.Unblock(CardRiskState.New);

        Assert.Null(state.Block);
        Assert.Empty(state.Activity.Buckets);
        Assert.Null(state.Activity.LatestEventAt);
    }

    [Fact]
    public void AnExpiredBlockIsNotReportedAsActive()
    {
        var card = new CardScenario();
        card.State = card.Engine.Block(card.State, "Short hold", "ops", card.Now.AddMinutes(5));

        card.Advance(TimeSpan.FromMinutes(10));
        var decision = card.Authorize(5_000);

        DecisionAssert.Approved(decision);
        Assert.False(card.State.IsBlocked(card.Now));
    }
}
