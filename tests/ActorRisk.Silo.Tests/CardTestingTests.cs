namespace ActorRisk.Silo.Tests;

/// <summary>
/// The default card velocity policy end to end: a burst of small authorizations (card testing) is declined at the
/// configured count and blocks the card for the configured time, and ordinary purchases never trip it.
/// </summary>
public sealed class CardTestingTests
{
    private static readonly TimeSpan BlockFor = TimeSpan.FromHours(24); // CardVelocityPolicy.Default: small_auth_burst

    [Fact]
    public async Task BurstOfSmallAuthorizationsIsBlockedAtTheThirdAndStaysBlockedForTwentyFourHours()
    {
        var clock = new ManualClock();
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var gateway = silo.Client(TestKeys.Gateway);
        using var reader = silo.Client();
        var card = Auth.NewToken();

        // A tester tries 1-yen authorizations a minute apart: the first two pass, the third (limit 3 in 10 min) is declined.
        var first = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 1, "merchant-ec-1"));
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 100, "merchant-ec-1")); // 100 yen is still small
        Assert.Equal(["approve", "approve"], new[] { first.Decision, second.Decision });
        Assert.False(first.CardBlocked);
        Assert.False(second.CardBlocked);
        Assert.Null(second.CardBlockedUntil);

        clock.Advance(TimeSpan.FromMinutes(1));
        var blockedAt = clock.Now;
        var third = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 1, "merchant-ec-1"));
        Assert.Equal("decline", third.Decision);
        Assert.Contains("small_auth_burst", third.Codes);
        Assert.Equal("decline", third.Reasons[0].Action);
        Assert.True(third.CardBlocked);
        Assert.Equal(blockedAt + BlockFor, third.CardBlockedUntil);
        Assert.Equal(card, third.CardToken);

        var snapshot = await reader.CardAsync(card);
        Assert.True(snapshot.Blocked);
        Assert.Equal("small_auth_burst", snapshot.Block!.ReasonCode);
        Assert.Equal(blockedAt, snapshot.Block.Since);
        Assert.Equal(blockedAt + BlockFor, snapshot.Block.Until);
        Assert.Null(snapshot.Block.BlockedBy);
        Assert.Equal(3, snapshot.Window("10m").Attempts);
        Assert.Equal(3, snapshot.Window("10m").SmallAuthorizations);

        // Within the block even a normal purchase elsewhere is declined, and the block is not extended by it.
        clock.Advance(TimeSpan.FromHours(1));
        var purchase = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 4_980, "merchant-store-2", cardPresent: true));
        Assert.Equal("decline", purchase.Decision);
        Assert.Contains("card_blocked", purchase.Codes);
        Assert.True(purchase.CardBlocked);
        Assert.Equal(blockedAt + BlockFor, purchase.CardBlockedUntil);

        clock.Advance(blockedAt + BlockFor - TimeSpan.FromMinutes(1) - clock.Now);
        var lastMinute = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 12_000, "merchant-store-2", cardPresent: true));
        Assert.Equal("decline", lastMinute.Decision);
        Assert.Contains("card_blocked", lastMinute.Codes);
        Assert.Equal(blockedAt + BlockFor, lastMinute.CardBlockedUntil);

        // Once the configured time has passed, the card works again.
        clock.Advance(TimeSpan.FromMinutes(2));
        var afterBlock = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 3_200, "merchant-store-2", cardPresent: true));
        Assert.Equal("approve", afterBlock.Decision);
        Assert.DoesNotContain("card_blocked", afterBlock.Codes);
        Assert.False(afterBlock.CardBlocked);
        Assert.Null(afterBlock.CardBlockedUntil);
        Assert.False((await reader.CardAsync(card)).Blocked);
    }

    [Fact]
    public async Task SmallAuthorizationsSpreadBeyondTheWindowAreNotABurst()
    {
        var clock = new ManualClock();
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var gateway = silo.Client(TestKeys.Gateway);
        var card = Auth.NewToken();

        // Three small authorizations 6 minutes apart: never three within 10 minutes (minute buckets over-count by < 1 min).
        for (var i = 0; i < 3; i++)
        {
            var answer = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 80, "merchant-vending-1"));
            Assert.Equal("approve", answer.Decision);
            Assert.False(answer.CardBlocked);
            clock.Advance(TimeSpan.FromMinutes(6));
        }
    }

    [Fact]
    public async Task NormalCardIsNeverBlockedByNormalTraffic()
    {
        var clock = new ManualClock();
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var gateway = silo.Client(TestKeys.Gateway);
        using var reader = silo.Client();
        var card = Auth.NewToken();
        var random = new Random(20261121);
        (string Merchant, string Mcc, bool InStore, long Min, long Max)[] merchants =
        [
            ("merchant-supermarket-ikebukuro", "5411", true, 600, 9_000),
            ("merchant-konbini-shibuya", "5499", true, 180, 2_500),
            ("merchant-ec-books", "5942", false, 990, 6_800),
            ("merchant-restaurant-ginza", "5812", true, 1_200, 24_000),
            ("merchant-rail-pass", "4111", false, 2_000, 14_500),
        ];

        // 50 purchases over about two weeks: several a day, sometimes two within a quarter of an hour.
        var answers = new List<AuthorizationReply>();
        for (var i = 0; i < 50; i++)
        {
            var (merchant, mcc, inStore, min, max) = merchants[random.Next(merchants.Length)];
            var amount = random.NextInt64(min, max + 1);
            var id = Auth.NewId("pos");
            var answer = await gateway.AuthorizeAsync(Auth.Request(id, card, amount, merchant, cardPresent: inStore, cvcProvided: true, mcc: mcc));
            answers.Add(answer);
            Assert.Equal(HttpStatusCode.OK, (await gateway.OutcomeAsync(id, approved: true)).Status);
            clock.Advance(i % 4 == 0 ? TimeSpan.FromMinutes(random.Next(3, 15)) : TimeSpan.FromHours(random.Next(3, 12)));
        }

        Assert.All(answers, a =>
        {
            Assert.Equal("approve", a.Decision);
            Assert.Equal(["no_risk_signals"], a.Codes);
            Assert.False(a.CardBlocked);
            Assert.Null(a.CardBlockedUntil);
            Assert.False(a.Replayed);
        });
        var snapshot = await reader.CardAsync(card);
        Assert.False(snapshot.Blocked);
        Assert.Null(snapshot.Block);
        Assert.Equal(0, snapshot.Window("24h").IssuerDeclines);
        Assert.Equal(20, snapshot.RecentDecisions.Count); // CardVelocityPolicy.RecentDecisionsKept
        Assert.All(snapshot.RecentDecisions, d => Assert.True(d.IssuerApproved));
    }
}
