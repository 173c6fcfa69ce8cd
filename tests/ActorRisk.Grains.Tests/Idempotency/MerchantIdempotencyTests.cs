using ActorRisk.Grains.Merchants;

namespace ActorRisk.Grains.Tests.Idempotency;

/// <summary>
/// A merchant grain counts each settlement batch, dispute and fraud report id once (within the retention) and each
/// authorization activity batch once.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class MerchantIdempotencyTests(ClusterFixture fixture)
{
    private readonly IMerchantGrain merchant = fixture.Client.GetGrain<IMerchantGrain>(Requests.NewId("m"));

    public static TheoryData<MerchantEventKind> Kinds => Requests.Kinds();

    private DateTimeOffset Yesterday => fixture.Clock.GetUtcNow() - TimeSpan.FromDays(1);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task RetriedRecordReplaysTheFirstReceiptAndCountsOnce(MerchantEventKind kind)
    {
        var record = Requests.Record(kind, Requests.NewId("r"), Yesterday);

        var first = await merchant.RecordAsync(record);
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        var retry = await merchant.RecordAsync(record);

        Assert.False(first.Replayed);
        Assert.True(retry.Replayed);
        Assert.Equal(first, retry with { Replayed = false });
        Assert.Equal(1, Requests.Counted(kind, (await merchant.GetAsync()).Totals));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ReusedIdWithOtherContentIsRefusedWithItsOwnExceptionType(MerchantEventKind kind)
    {
        var record = Requests.Record(kind, Requests.NewId("r"), Yesterday);
        await merchant.RecordAsync(record);

        var conflict = await Assert.ThrowsAsync<IngestionConflictException>(() => merchant.RecordAsync(record with { Amount = Money.Usd(121m) }));

        Assert.Equal((kind, record.Id), (conflict.Kind, conflict.Id));
        Assert.Equal(1, Requests.Counted(kind, (await merchant.GetAsync()).Totals));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AfterTheRetentionTheIdIsCountedAfresh(MerchantEventKind kind)
    {
        var record = Requests.Record(kind, Requests.NewId("r"), Yesterday);
        await merchant.RecordAsync(record);
        fixture.Clock.Advance(ClusterFixture.Retention + TimeSpan.FromMinutes(1));

        var again = await merchant.RecordAsync(record);

        Assert.False(again.Replayed);
        Assert.Equal(2, Requests.Counted(kind, (await merchant.GetAsync()).Totals));
    }

    [Fact]
    public async Task TheAnsweredListDropsExpiredEntriesOnTheNextWrite()
    {
        var expiring = Requests.Record(MerchantEventKind.Sales, Requests.NewId("r"), Yesterday);
        var later = Requests.Record(MerchantEventKind.Dispute, Requests.NewId("r"), Yesterday);
        await merchant.RecordAsync(expiring);
        fixture.Clock.Advance(ClusterFixture.Retention + TimeSpan.FromMinutes(1));
        var beforeWrite = await StoredState.ReadAsync<MerchantGrainState>(fixture.Silo, "merchant", merchant.GetGrainId());

        await merchant.RecordAsync(later);

        Assert.Equal([expiring.Id], beforeWrite!.Answered.Select(a => a.Id));
        var afterWrite = await StoredState.ReadAsync<MerchantGrainState>(fixture.Silo, "merchant", merchant.GetGrainId());
        Assert.Equal([later.Id], afterWrite!.Answered.Select(a => a.Id));
    }

    [Fact]
    public async Task IdsOfDifferentKindsAreSeparate()
    {
        var id = Requests.NewId("r");

        var sales = await merchant.RecordAsync(Requests.Record(MerchantEventKind.Sales, id, Yesterday));
        var dispute = await merchant.RecordAsync(Requests.Record(MerchantEventKind.Dispute, id, Yesterday));

        Assert.False(sales.Replayed || dispute.Replayed);
        var totals = (await merchant.GetAsync()).Totals;
        Assert.Equal((1, 1), (totals.Visa.SalesCount, totals.Visa.DisputeCount));
    }

    [Fact]
    public async Task AuthorizationActivityCountsOncePerBatchId()
    {
        var batch = new AuthorizationActivity(Requests.NewId("batch"), fixture.Clock.GetUtcNow(), [new NetworkAuthorizations(CardNetwork.Visa, 5, 1)], []);
        var next = batch with { BatchId = Requests.NewId("batch"), Networks = [new NetworkAuthorizations(CardNetwork.Visa, 3, 0)] };

        await merchant.RecordAuthorizationsAsync(batch);
        await merchant.RecordAuthorizationsAsync(batch);
        var afterRetry = (await merchant.GetAsync()).Totals.Visa;
        await merchant.RecordAuthorizationsAsync(next);

        Assert.Equal((5, 1), (afterRetry.AuthorizationCount, afterRetry.EnumeratedAuthorizationCount));
        Assert.Equal(8, (await merchant.GetAsync()).Totals.Visa.AuthorizationCount);
    }
}
