namespace ActorRisk.Domain.Tests.Cards;

/// <summary>The defence must stay out of the way of ordinary cardholders: property-style, over seeded months.</summary>
public sealed class NormalCardTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        foreach (var seed in new[] { 1, 2, 3, 5, 8, 13, 21, 34, 55, 89 })
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AMonthOfOrdinaryPurchasesIsNeverDeclinedOrBlocked(int seed)
    {
        var random = new Random(seed);
        string[] merchants = ["supermarket-7", "cafe-kanda", "online-books", "drugstore-3"];
        var card = new CardScenario();
        var start = card.Now;
        var offsets = Enumerable.Range(0, 30)
            .Select(_ => TimeSpan.FromMinutes(random.Next(0, 30 * 24 * 60)))
            .Order()
            .ToList();

        foreach (var offset in offsets)
        {
            card.At(start + offset);
            var cardPresent = random.Next(2) == 0;
            var decision = card.Authorize(
                random.Next(3_000, 20_001),
                merchant: merchants[random.Next(merchants.Length)],
                cvc: cardPresent ? null : true,
                cardPresent: cardPresent,
                cardType: random.Next(2) == 0 ? CardType.Credit : CardType.Debit,
                issuerCountry: "JP",
                timestamp: card.Now - TimeSpan.FromSeconds(random.Next(0, 5)));

            DecisionAssert.Approved(decision);
            Assert.False(decision.SmallAuthorization);

            // The issuer turns down the odd purchase (insufficient funds): that alone is not card testing.
            card.Outcome(decision.AuthorizationId, approved: random.Next(10) != 0);
            Assert.Null(card.State.Block);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AShoppingAfternoonWithAWalletVerificationIsNeverDeclined(int seed)
    {
        // Adding the card to a wallet (zero-amount verification with CVC), then a few shops within the hour.
        var random = new Random(seed);
        var card = new CardScenario();

        DecisionAssert.Approved(card.Authorize(0, merchant: "wallet-provider"));
        for (var i = 0; i < 4; i++)
        {
            card.Advance(TimeSpan.FromMinutes(random.Next(5, 15)));
            var decision = card.Authorize(random.Next(3_000, 20_001), merchant: $"shop-{i}", cardPresent: true, cvc: null);
            Assert.NotEqual(RiskAction.Decline, decision.Action);
            Assert.Null(decision.CardBlockedUntil);
        }

        Assert.Null(card.State.Block);
    }
}
