namespace ActorRisk.Grains.Tests.Storage;

/// <summary>
/// A write that fails leaves memory and storage possibly apart; the grain drops its activation (StateWrites), so the next
/// call reloads what storage holds and a retry of the same id counts once, whether or not the failed write was stored.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class StateWriteFailureTests(ClusterFixture fixture)
{
    public static TheoryData<WriteFault> Faults => new(Enum.GetValues<WriteFault>());

    private StorageFaults StorageFaults => fixture.Silo.GetRequiredService<StorageFaults>();

    // Orleans reports a storage failure as its own exception, with the provider's as the inner one.
    private static async Task FailsInStorage(Func<Task> call)
    {
        var failure = await Assert.ThrowsAsync<OrleansException>(call);
        Assert.IsType<InjectedStorageFaultException>(failure.InnerException);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task CardRetryAfterAFailedWriteCountsOnce(WriteFault fault)
    {
        var card = fixture.Client.GetGrain<ICardGrain>(Requests.NewId("card"));
        var request = Requests.Authorization(Requests.NewId("auth"), "m-1");
        await card.GetAsync();
        var failing = fixture.Current(card);
        StorageFaults.FailNextWrite(card.GetGrainId(), fault);

        await FailsInStorage(() => card.AuthorizeAsync(request));
        var retry = await card.AuthorizeAsync(request);
        var again = await card.AuthorizeAsync(request);

        Assert.NotEqual(failing, fixture.Current(card));
        Assert.Equal(fault == WriteFault.AfterStoring, retry.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(1, Requests.Attempts(await card.GetAsync()));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task MerchantRetryAfterAFailedWriteCountsOnce(WriteFault fault)
    {
        var merchant = fixture.Client.GetGrain<IMerchantGrain>(Requests.NewId("m"));
        var record = Requests.Record(MerchantEventKind.Sales, Requests.NewId("batch"), fixture.Clock.GetUtcNow() - TimeSpan.FromDays(1));
        await merchant.GetAsync();
        var failing = fixture.Current(merchant);
        StorageFaults.FailNextWrite(merchant.GetGrainId(), fault);

        await FailsInStorage(() => merchant.RecordAsync(record));
        var retry = await merchant.RecordAsync(record);
        var again = await merchant.RecordAsync(record);

        Assert.NotEqual(failing, fixture.Current(merchant));
        Assert.Equal(fault == WriteFault.AfterStoring, retry.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(1, (await merchant.GetAsync()).Totals.Visa.SalesCount);
    }

    [Fact]
    public async Task ActivityBatchRetriedAfterAFailedWriteCountsOnce()
    {
        // The forwarder retries a batch whose hand-over failed on its next tick, with the same batch id.
        var merchant = fixture.Client.GetGrain<IMerchantGrain>(Requests.NewId("m"));
        var batch = new AuthorizationActivity(Requests.NewId("batch"), fixture.Clock.GetUtcNow(), [new NetworkAuthorizations(CardNetwork.Visa, 7, 0)], []);
        await merchant.GetAsync();
        StorageFaults.FailNextWrite(merchant.GetGrainId(), WriteFault.AfterStoring);

        await FailsInStorage(() => merchant.RecordAuthorizationsAsync(batch));
        await merchant.RecordAuthorizationsAsync(batch);

        Assert.Equal(7, (await merchant.GetAsync()).Totals.Visa.AuthorizationCount);
    }
}
