using ActorRisk.Grains.Cards;

namespace ActorRisk.Grains.Tests.Idempotency;

/// <summary>A card grain answers an authorization id once: retries replay, a reused id is refused, until the retention ends.</summary>
[Collection(SharedCluster.Name)]
public sealed class CardIdempotencyTests(ClusterFixture fixture)
{
    private readonly ICardGrain card = fixture.Client.GetGrain<ICardGrain>(Requests.NewId("card"));

    [Fact]
    public async Task RetriedAuthorizationReplaysTheFirstAnswerAndCountsOnce()
    {
        var request = Requests.Authorization(Requests.NewId("auth"), "m-1");

        var first = await card.AuthorizeAsync(request);
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        var retry = await card.AuthorizeAsync(request);

        Assert.False(first.Replayed);
        Assert.True(retry.Replayed);
        Structural.AssertEqual(first, retry with { Replayed = false });
        var snapshot = await card.GetAsync();
        Assert.Equal(1, Requests.Attempts(snapshot));
        Assert.Single(snapshot.RecentDecisions);
    }

    [Fact]
    public async Task ReusedIdWithOtherContentIsRefusedWithItsOwnExceptionType()
    {
        var request = Requests.Authorization(Requests.NewId("auth"), "m-1");
        await card.AuthorizeAsync(request);

        var conflict = await Assert.ThrowsAsync<IdempotencyConflictException>(
            () => card.AuthorizeAsync(request with { Authorization = request.Authorization with { Amount = Money.Usd(26m) } }));

        Assert.Equal(request.Authorization.AuthorizationId, conflict.AuthorizationId);
        Assert.Equal(1, Requests.Attempts(await card.GetAsync()));
    }

    [Fact]
    public async Task AfterTheRetentionTheIdIsAnsweredAfresh()
    {
        var request = Requests.Authorization(Requests.NewId("auth"), "m-1");
        await card.AuthorizeAsync(request);
        fixture.Clock.Advance(ClusterFixture.Retention + TimeSpan.FromMinutes(1));

        // Other content would be a conflict within the retention; after it the id is forgotten.
        var again = await card.AuthorizeAsync(request with { Authorization = request.Authorization with { MerchantId = "m-2" } });

        Assert.False(again.Replayed);
        var stored = await StoredState.ReadAsync<CardGrainState>(fixture.Silo, "card", card.GetGrainId());
        var answered = Assert.Single(stored!.Answered);
        Assert.Equal((request.Authorization.AuthorizationId, fixture.Clock.GetUtcNow()), (answered.Id, answered.At));
    }

    [Fact]
    public async Task TheAnsweredListDropsExpiredEntriesOnTheNextWrite()
    {
        var expiring = Requests.Authorization(Requests.NewId("auth"), "m-1");
        var later = Requests.Authorization(Requests.NewId("auth"), "m-1");
        await card.AuthorizeAsync(expiring);
        fixture.Clock.Advance(ClusterFixture.Retention + TimeSpan.FromMinutes(1));
        var beforeWrite = await StoredState.ReadAsync<CardGrainState>(fixture.Silo, "card", card.GetGrainId());

        await card.AuthorizeAsync(later);

        Assert.Equal([expiring.Authorization.AuthorizationId], beforeWrite!.Answered.Select(a => a.Id));
        var afterWrite = await StoredState.ReadAsync<CardGrainState>(fixture.Silo, "card", card.GetGrainId());
        Assert.Equal([later.Authorization.AuthorizationId], afterWrite!.Answered.Select(a => a.Id));
    }
}
