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

    [Fact]
    public void ActionsAndMetricsOutsideTheirEnumsAreReportedAtTheirPaths()
    {
        var unknown = (RiskAction)99;
        var policy = CardVelocityPolicy.Default with
        {
            SmallAuthWithoutCvcAction = unknown,
            CardPresentUnitAuthorizationAction = unknown,
            HighRiskIssuerCountryAction = unknown,
            Limits = [CardVelocityPolicy.Default.Limits[0] with { Action = unknown, Metric = (VelocityMetric)42 }],
            DeclineRate = CardVelocityPolicy.Default.DeclineRate! with { Action = unknown },
        };

        var fields = policy.Validate().Select(e => e.Field).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(
            new HashSet<string>(["smallAuthWithoutCvcAction", "cardPresentUnitAuthorizationAction", "highRiskIssuerCountryAction", "limits[0].action", "limits[0].metric", "declineRate.action"], StringComparer.Ordinal),
            fields);
    }

    [Fact]
    public void AnOverrideWithAnUnknownActionIsReported()
    {
        var book = CardPolicyBook.Standard.WithMerchantOverride("m-1", new CardPolicyOverride { SmallAuthWithoutCvcAction = (RiskAction)7 });

        Assert.Contains(book.Validate(), e => e.Field == "byMerchant.m-1.smallAuthWithoutCvcAction");
    }
}
