using ActorRisk.Grains.Cards;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// The risk team finds cards by last four digits and the merchant they were used at, from the card directory
/// (filled a second behind the authorizations); the answer reads every card live and never holds a full card number.
/// </summary>
public sealed class CardSearchTests
{
    public static TheoryData<string> Storages => ["memory", "postgres"];

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task CardsAreFoundByLastFourAndMerchant(string storage)
    {
        var setup = new SiloSetup { ConnectionString = storage == "postgres" ? await SiloSetup.NewDatabaseAsync("cardsearch") : null };
        await using var silo = new SiloFactory(setup);
        using var gateway = silo.Client(TestKeys.Gateway);
        using var analyst = silo.Client(TestKeys.Operator);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        string shop = $"m-shop-{suffix}", cafe = $"m-cafe-{suffix}", hotel = $"m-hotel-{suffix}";
        var tested = Pans.EndingIn("4242");
        var sameEnding = Pans.EndingIn("4242");
        var other = Pans.EndingIn("1881");

        var testedToken = (await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), tested, 1, shop))).CardToken;
        await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), tested, 1, shop));
        await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), tested, 1, shop)); // the third small one: blocked
        await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), tested, 5_000, cafe));
        var sameEndingToken = (await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), sameEnding, 3_000, hotel))).CardToken;
        var otherToken = (await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), other, 3_000, shop))).CardToken;

        var byLast4AndShop = await FindEventuallyAsync(analyst, $"last4=4242&merchantId={shop}", 1);
        var only = Assert.Single(byLast4AndShop.Items);
        Assert.Equal(testedToken, only.CardToken);
        Assert.Equal("4242", only.Last4);
        Assert.True(only.Blocked);
        Assert.NotNull(only.BlockedUntil);
        Assert.False(byLast4AndShop.More);

        Assert.Equal(testedToken, Assert.Single((await FindEventuallyAsync(analyst, $"last4=4242&merchantId={cafe}", 1)).Items).CardToken);
        Assert.Equal(sameEndingToken, Assert.Single((await FindEventuallyAsync(analyst, $"last4=4242&merchantId={hotel}", 1)).Items).CardToken);
        Assert.Empty((await FindAsync(analyst, $"last4=1881&merchantId={hotel}")).Items);
        Assert.Equal(
            new[] { otherToken, testedToken }.Order(StringComparer.Ordinal),
            (await FindEventuallyAsync(analyst, $"merchantId={shop}", 2)).Items.Select(c => c.CardToken).Order(StringComparer.Ordinal));

        var byLast4 = await FindAsync(analyst, "last4=4242");
        Assert.Contains(testedToken, byLast4.Items.Select(c => c.CardToken));
        Assert.Contains(sameEndingToken, byLast4.Items.Select(c => c.CardToken));
        Assert.DoesNotContain(otherToken, byLast4.Items.Select(c => c.CardToken));

        var limited = await FindAsync(analyst, $"merchantId={shop}&limit=1");
        Assert.Single(limited.Items);
        Assert.True(limited.More);
    }

    [Fact]
    public async Task InPostgreSqlTheDirectoryHasARowPerCardAndMerchantAndTheCardWritesNothingMore()
    {
        var connectionString = await SiloSetup.NewDatabaseAsync("cardsearch_tables");
        await using var silo = new SiloFactory(new SiloSetup { ConnectionString = connectionString });
        using var gateway = silo.Client(TestKeys.Gateway);
        using var analyst = silo.Client(TestKeys.Operator);
        var pan = Pans.EndingIn("7310");
        var token = (await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), pan, 3_000, "m-tables-1"))).CardToken;
        await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), pan, 3_000, "m-tables-1"));
        await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), pan, 3_000, "m-tables-2"));
        await FindEventuallyAsync(analyst, "last4=7310", 1);
        await FindEventuallyAsync(analyst, "merchantId=m-tables-2", 1);

        Assert.Equal(2L, await PostgresScan.ScalarAsync<long>(connectionString, "SELECT count(*) FROM card_directory WHERE card_token = $1 AND last4 = '7310'", token));
        Assert.Equal(1L, await PostgresScan.ScalarAsync<long>(connectionString, "SELECT count(*) FROM grain_state WHERE grain_type = 'card' AND grain_key = $1", token));
        Assert.Equal(
            0L,
            await PostgresScan.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_indexes WHERE tablename = 'grain_state_default' AND indexdef LIKE '%state%->%'"));
    }

    [Theory]
    [InlineData("", "last4")]
    [InlineData("last4=42a2", "last4")]
    [InlineData("last4=42424", "last4")]
    [InlineData("merchantId=m%20bad", "merchantId")]
    [InlineData("last4=4242&limit=0", "limit")]
    [InlineData("last4=4242&limit=101", "limit")]
    public async Task BadSearchesAreRefusedWithTheField(string query, string field)
    {
        await using var silo = new SiloFactory(new SiloSetup());
        using var client = silo.Client(TestKeys.Operator);

        SiloApi.AssertProblem(await client.GetReplyAsync($"/v1/cards?{query}"), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task AGatewayKeyCannotSearchCards()
    {
        await using var silo = new SiloFactory(new SiloSetup());
        using var gateway = silo.Client(TestKeys.Gateway);

        Assert.Equal(HttpStatusCode.Forbidden, (await gateway.GetReplyAsync("/v1/cards?last4=4242")).Status);
    }

    [Fact]
    public void ACardIsNotedOnceAtEachMerchantUntilTheDrainAndNotAgainSoon()
    {
        var sightings = new CardSightings();
        var at = DateTimeOffset.UnixEpoch;

        sightings.Record("tok_a", "4242", "m-1", at);
        sightings.Record("tok_a", "4242", "m-1", at);
        sightings.Record("tok_a", "4242", "m-2", at);
        sightings.Record("tok_b", "4242", "m-1", at);

        Assert.Equal(
            [("tok_a", "m-1"), ("tok_a", "m-2"), ("tok_b", "m-1")],
            sightings.Drain().Select(s => (s.CardToken, s.MerchantId)));
        Assert.Empty(sightings.Drain());

        sightings.Record("tok_a", "4242", "m-1", at);
        Assert.Empty(sightings.Drain());
    }

    /// <summary>Searches until at least <paramref name="atLeast"/> cards are found (the directory is a second behind) or 10 s pass.</summary>
    internal static async Task<CardList> FindEventuallyAsync(HttpClient client, string query, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var found = await FindAsync(client, query);
            if (found.Items.Count >= atLeast || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<CardList> FindAsync(HttpClient client, string query)
    {
        var reply = await client.GetReplyAsync($"/v1/cards?{query}");
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return reply.As<CardList>();
    }

    internal sealed record CardList(IReadOnlyList<CardListEntry> Items, bool More);

    internal sealed record CardListEntry(string CardToken, string? Last4, bool Blocked, DateTimeOffset? BlockedUntil, DateTimeOffset? LastActivityAt);
}
