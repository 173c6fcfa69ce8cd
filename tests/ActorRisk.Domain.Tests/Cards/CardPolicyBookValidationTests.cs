namespace ActorRisk.Domain.Tests.Cards;

public sealed class CardPolicyBookValidationTests
{
    [Fact]
    public void TheStandardBookIsValid() => Assert.Empty(CardPolicyBook.Standard.Validate());

    [Fact]
    public void ProblemsOfTheDefaultAndOfEachOverrideAreReportedWithTheirPath()
    {
        var badLimit = new VelocityLimit("small_auth_burst", VelocityMetric.SmallAuthorizations, TimeSpan.FromMinutes(10), 0, RiskAction.Decline);
        var book = CardPolicyBook.Standard
            .WithMerchantOverride("m-1", new CardPolicyOverride { Limits = [badLimit] })
            .WithMccOverride("5967", new CardPolicyOverride { Limits = [badLimit, badLimit] });

        var errors = book.Validate();

        Assert.Contains(errors, e => e.Field.StartsWith("byMerchant.m-1.limits", StringComparison.Ordinal) && e.Field.EndsWith(".threshold", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "byMcc.5967.limits" && e.Message.Contains("used twice", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => !e.Field.StartsWith("by", StringComparison.Ordinal));
    }

    [Fact]
    public void AnInvalidDefaultIsReportedAtItsOwnPath()
    {
        var book = CardPolicyBook.Standard with { Default = CardVelocityPolicy.Default with { DefaultSmallAmountMajorUnits = -1 } };

        Assert.Contains(book.Validate(), e => e.Field == "defaultSmallAmountMajorUnits");
    }
}
