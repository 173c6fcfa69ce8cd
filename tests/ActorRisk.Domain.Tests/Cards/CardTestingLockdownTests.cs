namespace ActorRisk.Domain.Tests.Cards;

public sealed class CardTestingLockdownTests
{
    [Fact]
    public void SmallAuthorizationsWithoutTheSecurityCodeAreDeclinedUnderLockdown()
    {
        var strict = CardTestingLockdown.ApplyTo(CardVelocityPolicy.Default);

        Assert.Equal(RiskAction.Decline, strict.SmallAuthWithoutCvcAction);
        Assert.Equal(RiskAction.Challenge, CardVelocityPolicy.Default.SmallAuthWithoutCvcAction);
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(6, 3)]
    [InlineData(2, 2)]
    [InlineData(1, 1)]
    [InlineData(20, 10)]
    public void SmallAuthorizationLimitsAllowHalfAsManyButAtLeastTwoAndNeverMore(int before, int after)
    {
        var policy = CardVelocityPolicy.Default with
        {
            Limits = [new VelocityLimit("small", VelocityMetric.SmallAuthorizations, TimeSpan.FromMinutes(10), before, RiskAction.Decline, TimeSpan.FromHours(24))],
        };

        Assert.Equal(after, Assert.Single(CardTestingLockdown.ApplyTo(policy).Limits).Threshold);
    }

    [Fact]
    public void OtherLimitsAndTheRestOfThePolicyAreUnchanged()
    {
        var strict = CardTestingLockdown.ApplyTo(CardVelocityPolicy.Default);

        Assert.Equal(
            CardVelocityPolicy.Default.Limits.Where(l => l.Metric != VelocityMetric.SmallAuthorizations),
            strict.Limits.Where(l => l.Metric != VelocityMetric.SmallAuthorizations));
        Assert.Equal(CardVelocityPolicy.Default.DeclineRate, strict.DeclineRate);
        Assert.Equal(CardVelocityPolicy.Default.CardPresentUnitAuthorizationAction, strict.CardPresentUnitAuthorizationAction);
        Assert.Empty(strict.Validate());
    }

    [Fact]
    public void TheDefaultBurstLimitDeclinesTheSecondSmallAuthorizationUnderLockdown()
    {
        var strict = CardTestingLockdown.ApplyTo(CardVelocityPolicy.Default);

        Assert.Equal(2, strict.Limits.Single(l => l.Code == ReasonCodes.SmallAuthBurst).Threshold);
        Assert.Equal(3, strict.Limits.Single(l => l.Code == ReasonCodes.SmallAuthDaily).Threshold);
    }
}
