namespace ActorRisk.Domain.Tests.Cards;

public sealed class MerchantSuspensionTests
{
    private static readonly MerchantSuspension Suspension = new("Card-testing investigation", "olivia", CardScenario.Start.AddDays(-1));

    private static readonly CardPolicyBook Book = CardPolicyBook.Standard.WithSuspension("m-suspended", Suspension);

    [Fact]
    public void EveryAuthorizationAtASuspendedMerchantIsDeclinedWithTheReason()
    {
        var card = new CardScenario(Book.Resolve("m-suspended", null));

        var decision = card.Authorize(12_000, merchant: "m-suspended");

        Assert.Equal(RiskAction.Decline, decision.Action);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal(ReasonCodes.MerchantSuspended, reason.Code);
        Assert.Contains("m-suspended", reason.Message, StringComparison.Ordinal);
        Assert.Contains("reinstated", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSuspensionDoesNotBlockTheCard()
    {
        var card = new CardScenario(Book.Resolve("m-suspended", null));
        card.Authorize(12_000, merchant: "m-suspended");

        card.Policy = Book.Resolve("m-open", null);
        var elsewhere = card.Authorize(12_000, merchant: "m-open");

        Assert.False(elsewhere.CardBlocked);
        Assert.Equal(RiskAction.Approve, elsewhere.Action);
    }

    [Fact]
    public void DeclinedAttemptsAtASuspendedMerchantStillCountTowardsCardTesting()
    {
        var card = new CardScenario(Book.Resolve("m-suspended", null));

        card.Authorize(1, merchant: "m-suspended");
        card.Authorize(1, merchant: "m-suspended");
        var third = card.Authorize(1, merchant: "m-suspended");

        Assert.True(third.CardBlocked);
        Assert.Equal(ReasonCodes.MerchantSuspended, third.Reasons[0].Code);
        Assert.Contains(third.Reasons, r => r.Code == ReasonCodes.SmallAuthBurst);
    }

    [Fact]
    public void OnlyTheSuspendedMerchantIsAffected()
    {
        Assert.Equal(Suspension, Book.Resolve("m-suspended", "5999").MerchantSuspension);
        Assert.Null(Book.Resolve("m-open", "5999").MerchantSuspension);
        Assert.Null(CardPolicyBook.Standard.Resolve("m-suspended", null).MerchantSuspension);
    }

    [Fact]
    public void TheSuspensionSurvivesAMerchantOverrideAndALockdown()
    {
        var book = Book.WithMerchantOverride("m-suspended", new CardPolicyOverride { SmallAuthWithoutCvcAction = RiskAction.Decline });

        Assert.Equal(Suspension, book.Resolve("m-suspended", null).MerchantSuspension);
        Assert.Equal(Suspension, CardTestingLockdown.ApplyTo(book.Resolve("m-suspended", null)).MerchantSuspension);
    }

    [Fact]
    public void ReinstatingRemovesOnlyThatMerchant()
    {
        var two = Book.WithSuspension("m-other", Suspension with { Reason = "Chargebacks" });

        var reinstated = two.WithoutSuspension("m-suspended");

        Assert.False(reinstated.Suspensions.ContainsKey("m-suspended"));
        Assert.True(reinstated.Suspensions.ContainsKey("m-other"));
        Assert.Null(reinstated.Resolve("m-suspended", null).MerchantSuspension);
        Assert.Same(reinstated, reinstated.WithoutSuspension("m-never"));
    }
}
