namespace ActorRisk.Grains.Tests.Merchants;

/// <summary>
/// A record that would overflow one of the month's totals is refused with the field at fault before anything is
/// written, and the merchant keeps its totals and takes the next record (issue 13: large card-present and
/// card-not-present sales used to fail the state write and every sale after them).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class MerchantTotalsOverflowTests(ClusterFixture fixture)
{
    private readonly IMerchantGrain merchant = fixture.Client.GetGrain<IMerchantGrain>(Requests.NewId("m"));

    private DateTimeOffset Yesterday => fixture.Clock.GetUtcNow() - TimeSpan.FromDays(1);

    private MerchantEvent Sale(Money amount, bool cardPresent) =>
        new(MerchantEventKind.Sales, Requests.NewId("s"), CardNetwork.Visa, Yesterday, amount, Count: 1, CardPresent: cardPresent);

    [Fact]
    public async Task ASaleThatWouldOverflowTheMonthsSalesAmountIsRefusedAndTheMerchantStaysUsable()
    {
        var half = new Money(long.MaxValue / 2 + 1, "USD");
        await merchant.RecordAsync(Sale(half, cardPresent: true));

        var overflowing = Sale(half, cardPresent: false);
        var refused = await Assert.ThrowsAsync<MerchantEventRejectedException>(() => merchant.RecordAsync(overflowing));
        var next = await merchant.RecordAsync(Sale(Money.Usd(10m), cardPresent: false));
        var retried = await Assert.ThrowsAsync<MerchantEventRejectedException>(() => merchant.RecordAsync(overflowing));

        Assert.Equal("amount", refused.Field);
        Assert.Equal("amount", retried.Field);
        Assert.False(next.Replayed);
        var totals = (await merchant.GetAsync()).Totals.Visa;
        Assert.Equal(2, totals.SalesCount);
        Assert.Equal(half + Money.Usd(10m), totals.SalesAmount);
    }

    [Fact]
    public async Task ASalesCountThatWouldOverflowIsRefusedAsTheCount()
    {
        await merchant.RecordAsync(Sale(Money.Usd(1m), cardPresent: true) with { Count = long.MaxValue - 1 });

        var refused = await Assert.ThrowsAsync<MerchantEventRejectedException>(() => merchant.RecordAsync(Sale(Money.Usd(1m), cardPresent: false) with { Count = 2 }));

        Assert.Equal("count", refused.Field);
        Assert.Equal(long.MaxValue - 1, (await merchant.GetAsync()).Totals.Visa.SalesCount);
    }
}
