namespace ActorRisk.Silo.Tests;

/// <summary>
/// A card-token key rotation (docs/operations.md, "Rotating the card-token key"): a card keeps one history, its block,
/// counters and answered authorizations, whether it arrives by card number under the new key, by its old token, or
/// through a host still on the old key; after the grace period the old key can go.
/// </summary>
public sealed class CardTokenRotationTests
{
    private const string NewKeyId = "k2";

    [Fact]
    public async Task ACardKeepsItsHistoryAcrossARotationAndAfterTheOldKeyIsRemoved()
    {
        var original = new SiloSetup { ConnectionString = await SiloSetup.NewDatabaseAsync("rotation") };
        var rotated = Rotated(original);
        var afterGrace = rotated with { TokenizationKey = null };
        var pan = Pans.EndingIn("4242");
        var idle = Pans.EndingIn("1881"); // blocked before the rotation, not seen again during the grace period
        var (firstId, secondId) = (Auth.NewId(), Auth.NewId());
        AuthorizationReply first;

        await using (var before = new SiloFactory(original))
        {
            using var gateway = before.Client(TestKeys.Gateway);
            first = await gateway.AuthorizeAsync(Auth.Request(firstId, pan, 1, "merchant-ec-1"));
            await gateway.AuthorizeAsync(Auth.Request(secondId, pan, 1, "merchant-ec-1"));
            for (var i = 0; i < 3; i++)
            {
                await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), idle, 1, "merchant-ec-1"));
            }
        }

        var oldToken = original.Tokenizer().Tokenize(pan).Token;
        var newToken = rotated.Tokenizer().Tokenize(pan).Token;
        var idleOldToken = original.Tokenizer().Tokenize(idle).Token;
        Assert.Equal(oldToken, first.CardToken);
        Assert.StartsWith($"tok_{NewKeyId}_", newToken, StringComparison.Ordinal);

        await using (var during = new SiloFactory(rotated))
        {
            using var gateway = during.Client(TestKeys.Gateway);

            // The third small authorization in ten minutes, the first under the new key: the burst spans the rotation.
            var third = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), pan, 1, "merchant-ec-1"));
            Assert.Equal(newToken, third.CardToken);
            Assert.Equal("decline", third.Decision);
            Assert.Contains("small_auth_burst", third.Codes);
            Assert.True(third.CardBlocked);

            // A retry of an authorization answered before the rotation gets its first answer, counted once.
            var retry = await gateway.AuthorizeAsync(Auth.Request(firstId, pan, 1, "merchant-ec-1"));
            Assert.True(retry.Replayed);
            Assert.Equal((first.Decision, first.DecidedAt), (retry.Decision, retry.DecidedAt));

            // The old token names the same card: read, and sent by a gateway that kept it.
            foreach (var token in new[] { oldToken, newToken })
            {
                var card = await gateway.CardAsync(token);
                Assert.Equal(newToken, card.CardToken);
                Assert.True(card.Blocked);
                Assert.Equal(3, card.Window("10m").Attempts);
            }

            var byOldToken = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), oldToken, 5_000, "merchant-ec-1"));
            Assert.Equal((newToken, "decline", true), (byOldToken.CardToken, byOldToken.Decision, byOldToken.CardBlocked));

            // The outcome of an authorization the old card answered reaches the card's history.
            var outcome = await gateway.OutcomeAsync(secondId, approved: false, "05");
            Assert.True(outcome.Json().GetProperty("recorded").GetBoolean(), outcome.ToString());
            var counted = (await gateway.CardAsync(newToken)).Window("10m");
            Assert.Equal((4, 1), (counted.Attempts, counted.IssuerDeclines));

            // The directory knows the card under both tokens (the old one at the first merchant, the new one at the
            // next); the search reads both as the same card and lists it once.
            await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), pan, 5_000, "merchant-cafe-1"));
            using var analyst = during.Client(TestKeys.Operator);
            Assert.Single((await CardSearchTests.FindEventuallyAsync(analyst, "merchantId=merchant-cafe-1", 1)).Items);
            var found = Assert.Single((await CardSearchTests.FindEventuallyAsync(analyst, "last4=4242", 2)).Items);
            Assert.Equal((newToken, true), (found.CardToken, found.Blocked));
        }

        // Grace period over: the original key is removed. The card that came by keeps its history; the idle one
        // starts afresh under the new key, its old history still readable under its old token.
        await using var after = new SiloFactory(afterGrace);
        using var client = after.Client(TestKeys.Gateway);
        var migrated = await client.AuthorizeAsync(Auth.Request(Auth.NewId(), pan, 1, "merchant-ec-1"));
        Assert.Equal((newToken, "decline", true), (migrated.CardToken, migrated.Decision, migrated.CardBlocked));
        Assert.Equal(6, (await client.CardAsync(oldToken)).Window("10m").Attempts);

        var idleNow = await client.AuthorizeAsync(Auth.Request(Auth.NewId(), idle, 5_000, "merchant-ec-1"));
        Assert.Equal((afterGrace.Tokenizer().Tokenize(idle).Token, "approve"), (idleNow.CardToken, idleNow.Decision));
        var idleOld = await client.CardAsync(idleOldToken);
        Assert.Equal(idleOldToken, idleOld.CardToken);
        Assert.True(idleOld.Blocked);
    }

    [Fact]
    public async Task AHostStillOnTheOldKeyReachesTheCardTheNewKeyMade()
    {
        // A rolling configuration change: a host with the new key sees a new card first, then one still on the old key.
        var original = new SiloSetup { ConnectionString = await SiloSetup.NewDatabaseAsync("rolling") };
        var rotated = Rotated(original);
        var pan = Pans.NewValid();
        var newToken = rotated.Tokenizer().Tokenize(pan).Token;

        await using (var updated = new SiloFactory(rotated))
        {
            using var gateway = updated.Client(TestKeys.Gateway);
            Assert.Equal(newToken, (await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), pan, 1, "merchant-ec-1"))).CardToken);
            await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), pan, 1, "merchant-ec-1"));
        }

        await using var notYetUpdated = new SiloFactory(original);
        using var client = notYetUpdated.Client(TestKeys.Gateway);
        var third = await client.AuthorizeAsync(Auth.Request(Auth.NewId(), pan, 1, "merchant-ec-1"));
        Assert.Equal((newToken, "decline", true), (third.CardToken, third.Decision, third.CardBlocked));
        Assert.Equal(3, (await client.CardAsync(newToken)).Window("10m").SmallAuthorizations);
    }

    [Fact]
    public async Task AnOldTokenAndACardNumberReachOneCard()
    {
        // Memory mode, one host with both keys: a gateway that keeps tokens sends the old one, another the card number.
        var setup = Rotated(new SiloSetup());
        await using var silo = new SiloFactory(setup);
        using var gateway = silo.Client(TestKeys.Gateway);
        var pan = Pans.NewValid();
        var oldToken = (setup with { Extra = new Dictionary<string, string>() }).Tokenizer().Tokenize(pan).Token;
        var (shop, cafe) = ("m-shop-1", "m-cafe-1");

        await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), oldToken, 1, shop));
        await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), oldToken, 1, shop));
        await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), pan, 5_000, cafe)); // takes over the old card's history
        var blocking = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), oldToken, 1, shop)); // forwarded to the new card

        var newToken = setup.Tokenizer().Tokenize(pan).Token;
        Assert.Equal((newToken, "decline", true), (blocking.CardToken, blocking.Decision, blocking.CardBlocked));
        var card = await gateway.CardAsync(oldToken);
        Assert.Equal((newToken, pan[^4..], 4, 2), (card.CardToken, card.Last4, card.Window("10m").Attempts, card.Window("10m").DistinctMerchants));
    }

    /// <summary><paramref name="setup"/> with a new key <see cref="NewKeyId"/> made current, its original key kept as the previous one.</summary>
    private static SiloSetup Rotated(SiloSetup setup) => setup with
    {
        Extra = new Dictionary<string, string>(setup.Extra)
        {
            ["ActorRisk:Tokenization:Keys:0:Id"] = NewKeyId,
            ["ActorRisk:Tokenization:Keys:0:Key"] = SiloSetup.NewTokenizationKey(),
            ["ActorRisk:Tokenization:Current"] = NewKeyId,
        },
    };
}
