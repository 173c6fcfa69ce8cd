using ActorRisk.Grains.Cards;

namespace ActorRisk.Grains.Tests.Settings;

/// <summary>A silo's copy of the policy book: newer revisions only, and a lockdown from the cluster or from this silo.</summary>
public sealed class CardPolicyStoreTests
{
    private static readonly DateTimeOffset Now = ClusterFixture.Start;

    private readonly ManualClock clock = new(Now);

    [Fact]
    public void TheConfiguredBookAppliesUntilARevisionArrivesAndAgainWhenOneHasNone()
    {
        var store = new CardPolicyStore(CardPolicyBook.Standard, clock);
        Assert.Same(CardPolicyBook.Standard, store.Book);
        Assert.Equal(0, store.Revision);

        var edited = Suspended("m_1");
        Assert.True(store.Apply(new PolicySnapshot(1, edited, [])));
        Assert.Same(edited, store.Book);
        Assert.True(store.Apply(new PolicySnapshot(2, null, [])));
        Assert.Same(store.ConfiguredBook, store.Book);
    }

    [Fact]
    public void AnOlderOrTheSameRevisionIsIgnored()
    {
        var store = new CardPolicyStore(CardPolicyBook.Standard, clock);
        var newest = Suspended("m_new");
        Assert.True(store.Apply(new PolicySnapshot(5, newest, [])));

        Assert.False(store.Apply(new PolicySnapshot(4, Suspended("m_old"), [])));
        Assert.False(store.Apply(new PolicySnapshot(5, Suspended("m_same"), [])));
        Assert.Same(newest, store.Book);
        Assert.Equal(5, store.Revision);
    }

    [Fact]
    public void ALockdownFromTheClusterOrThisSiloCapsTheMerchantUntilTheLaterEnd()
    {
        var store = new CardPolicyStore(CardPolicyBook.Standard, clock);
        store.Apply(new PolicySnapshot(1, null, [new MerchantLockdown("m_1", Now.AddHours(1))]));
        store.SetLockdown("m_1", Now.AddHours(2));

        Assert.Equal(Now.AddHours(2), store.LockdownUntil("m_1"));
        Assert.True(Capped(store.Resolve("m_1", null)));
        Assert.False(Capped(store.Resolve("m_2", null)));

        store.SetLockdown("m_1", null);
        Assert.Equal(Now.AddHours(1), store.LockdownUntil("m_1"));
        Assert.True(Capped(store.Resolve("m_1", null)));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.False(Capped(store.Resolve("m_1", null)));
    }

    // The lockdown declines small authorizations without the security code, which the standard policy does not.
    private static bool Capped(CardVelocityPolicy policy) => policy.SmallAuthWithoutCvcAction == RiskAction.Decline;

    private static CardPolicyBook Suspended(string merchantId) =>
        CardPolicyBook.Standard.WithSuspension(merchantId, new MerchantSuspension("test", "olga", Now));
}
