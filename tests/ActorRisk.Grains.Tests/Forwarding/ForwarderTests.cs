namespace ActorRisk.Grains.Tests.Forwarding;

/// <summary>
/// The silo's forwarder hands over, on its own timers, what card grains keep in memory: authorization counts to the
/// merchants, sightings to the card directory, request routes to their store and decisions to the live stream.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class ForwarderTests(ClusterFixture fixture)
{
    private RecordingCardDirectory Directory => fixture.Silo.GetRequiredService<RecordingCardDirectory>();

    private RecordingRouteStore RouteStore => fixture.Silo.GetRequiredService<RecordingRouteStore>();

    [Fact]
    public async Task AuthorizationsReachTheMerchantsMonthCountsOnce()
    {
        var merchantId = Requests.NewId("m");
        var merchant = fixture.Client.GetGrain<IMerchantGrain>(merchantId);
        var retried = Requests.Authorization(Requests.NewId("auth"), merchantId);
        var card = Card();
        await card.AuthorizeAsync(retried);
        await card.AuthorizeAsync(retried);
        await Card().AuthorizeAsync(Requests.Authorization(Requests.NewId("auth"), merchantId));
        await Card().AuthorizeAsync(Requests.Authorization(Requests.NewId("auth"), merchantId, network: CardNetwork.Mastercard));

        // Without a network the authorization has no program to count in.
        await Card().AuthorizeAsync(Requests.Authorization(Requests.NewId("auth"), merchantId, network: null));

        var counted = await Eventually.Until(() => merchant.GetAsync(), m => m.Totals.Visa.AuthorizationCount + m.Totals.Mastercard.AuthorizationCount >= 3);
        await HandedOverEverythingBeforeAsync();

        var totals = (await merchant.GetAsync()).Totals;
        Assert.Equal((2, 1), (totals.Visa.AuthorizationCount, totals.Mastercard.AuthorizationCount));
        Assert.Equal(counted.Totals, totals);
    }

    [Fact]
    public async Task ANewMerchantsSightingReachesTheCardDirectoryOnce()
    {
        var token = Requests.NewId("card");
        var merchantId = Requests.NewId("m");
        var card = fixture.Client.GetGrain<ICardGrain>(token);
        var first = await card.AuthorizeAsync(Requests.Authorization(Requests.NewId("auth"), merchantId, last4: "1234"));
        await card.AuthorizeAsync(Requests.Authorization(Requests.NewId("auth"), merchantId, last4: "1234"));

        await Eventually.Until(() => Directory.Sightings, s => s.Any(x => x.CardToken == token));
        await HandedOverEverythingBeforeAsync();

        var sighting = Assert.Single(Directory.Sightings, s => s.CardToken == token);
        Assert.Equal(new CardSighting(token, "1234", merchantId, first.DecidedAt), sighting);
    }

    [Fact]
    public async Task RoutesReachTheRouteStoreWithTheirOwners()
    {
        var token = Requests.NewId("card");
        var merchantId = Requests.NewId("m");
        var authorization = Requests.Authorization(Requests.NewId("auth"), merchantId);
        var record = Requests.Record(MerchantEventKind.Sales, Requests.NewId("batch"), fixture.Clock.GetUtcNow() - TimeSpan.FromDays(1));
        var decision = await fixture.Client.GetGrain<ICardGrain>(token).AuthorizeAsync(authorization);
        var receipt = await fixture.Client.GetGrain<IMerchantGrain>(merchantId).RecordAsync(record);

        var routes = await Eventually.Until(() => RouteStore.Routes, r => r.Any(x => x.Id == record.Id) && r.Any(x => x.Id == authorization.Authorization.AuthorizationId));

        Assert.Contains(new RequestRoute("authorization", authorization.Authorization.AuthorizationId, token, decision.DecidedAt), routes);
        Assert.Contains(new RequestRoute("sales-batch", record.Id, merchantId, receipt.RecordedAt), routes);
    }

    [Fact]
    public async Task DecisionsArriveInBatchesOnTheLiveStream()
    {
        await using var feed = await LiveFeed.SubscribeAsync(fixture.Client);
        var token = Requests.NewId("card");
        var merchantId = Requests.NewId("m");
        var card = fixture.Client.GetGrain<ICardGrain>(token);
        var first = await card.AuthorizeAsync(Requests.Authorization(Requests.NewId("auth"), merchantId, usd: 40m));
        var second = await card.AuthorizeAsync(Requests.Authorization(Requests.NewId("auth"), merchantId, usd: 60m));

        await Eventually.Until(() => feed.Decisions.Count(d => d.CardToken == token), n => n == 2);

        var events = feed.Decisions.Where(d => d.CardToken == token).ToList();
        Structural.AssertEqual(new CardDecisionEvent(token, "4242", merchantId, Money.Usd(40m), first), events.Single(e => e.Decision.AuthorizationId == first.AuthorizationId));
        Structural.AssertEqual(new CardDecisionEvent(token, "4242", merchantId, Money.Usd(60m), second), events.Single(e => e.Decision.AuthorizationId == second.AuthorizationId));
        Assert.All(feed.Batches, b => Assert.Equal(0, b.Dropped));
    }

    private ICardGrain Card() => fixture.Client.GetGrain<ICardGrain>(Requests.NewId("card"));

    /// <summary>
    /// Each forwarder tick drains everything gathered before it: once an authorization made now has reached its
    /// merchant, every earlier count, sighting and route has been handed over too, and nothing more is on its way.
    /// </summary>
    private async Task HandedOverEverythingBeforeAsync()
    {
        var merchantId = Requests.NewId("sentinel");
        var authorization = Requests.Authorization(Requests.NewId("auth"), merchantId, last4: "0000");
        await fixture.Client.GetGrain<ICardGrain>(Requests.NewId("card")).AuthorizeAsync(authorization);
        var merchant = fixture.Client.GetGrain<IMerchantGrain>(merchantId);
        await Eventually.Until(() => merchant.GetAsync(), m => m.Totals.Visa.AuthorizationCount == 1);
        await Eventually.Until(() => Directory.Sightings, s => s.Any(x => x.MerchantId == merchantId));
        await Eventually.Until(() => RouteStore.Routes, r => r.Any(x => x.Id == authorization.Authorization.AuthorizationId));
    }
}
