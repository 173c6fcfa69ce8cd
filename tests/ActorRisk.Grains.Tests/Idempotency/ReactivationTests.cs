namespace ActorRisk.Grains.Tests.Idempotency;

/// <summary>What a grain answered is in its stored state: a new activation (after Orleans deactivated the old one) replays it.</summary>
[Collection(SharedCluster.Name)]
public sealed class ReactivationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CardReplaysAndRefusesAfterReactivation()
    {
        var card = fixture.Client.GetGrain<ICardGrain>(Requests.NewId("card"));
        var request = Requests.Authorization(Requests.NewId("auth"), "m-1");
        var first = await card.AuthorizeAsync(request);

        await fixture.DeactivateAsync(card);
        var retry = await card.AuthorizeAsync(request);

        Assert.True(retry.Replayed);
        Structural.AssertEqual(first, retry with { Replayed = false });
        Assert.Equal(1, Requests.Attempts(await card.GetAsync()));
        await Assert.ThrowsAsync<IdempotencyConflictException>(
            () => card.AuthorizeAsync(request with { Authorization = request.Authorization with { MerchantId = "m-2" } }));
    }

    [Fact]
    public async Task MerchantReplaysRecordsAndActivityBatchesAfterReactivation()
    {
        var merchant = fixture.Client.GetGrain<IMerchantGrain>(Requests.NewId("m"));
        var record = Requests.Record(MerchantEventKind.Dispute, Requests.NewId("r"), fixture.Clock.GetUtcNow() - TimeSpan.FromDays(1));
        var batch = new AuthorizationActivity(Requests.NewId("batch"), fixture.Clock.GetUtcNow(), [new NetworkAuthorizations(CardNetwork.Mastercard, 4, 0)], []);
        await merchant.RecordAsync(record);
        await merchant.RecordAuthorizationsAsync(batch);

        await fixture.DeactivateAsync(merchant);
        var retry = await merchant.RecordAsync(record);
        await merchant.RecordAuthorizationsAsync(batch);

        Assert.True(retry.Replayed);
        var totals = (await merchant.GetAsync()).Totals;
        Assert.Equal((1, 4), (totals.Visa.DisputeCount, totals.Mastercard.AuthorizationCount));
    }
}
