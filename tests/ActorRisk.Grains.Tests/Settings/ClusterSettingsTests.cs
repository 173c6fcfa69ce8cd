using ActorRisk.Grains.Cards;
using ActorRisk.Grains.Settings;
using Microsoft.Extensions.Hosting;

namespace ActorRisk.Grains.Tests.Settings;

/// <summary>
/// Policies, suspensions, card-testing lockdowns, portal users and API keys changed through one silo apply on every
/// silo within two seconds: each silo asks their grains for a newer revision every second.
/// </summary>
public sealed class ClusterSettingsTests(TwoSiloCluster fixture) : IClassFixture<TwoSiloCluster>
{
    private static readonly TimeSpan Promised = TimeSpan.FromSeconds(2);

    private IPolicyGrain Policies => fixture.Client.GetGrain<IPolicyGrain>(IPolicyGrain.SingletonKey);

    private IEnumerable<CardPolicyStore> Stores => fixture.Silos.Select(s => s.GetRequiredService<CardPolicyStore>());

    [Fact]
    public async Task ASavedPolicyAppliesOnEverySilo()
    {
        var book = await Policies.GetAsync();
        var limit = book.Default.Limits[0];
        var threshold = limit.Threshold + 7;
        await Policies.SaveAsync(book with { Default = book.Default with { Limits = book.Default.Limits.SetItem(0, limit with { Threshold = threshold }) } });

        foreach (var store in Stores)
        {
            await Eventually.Until(() => store.Book.Default.Limits[0].Threshold, t => t == threshold, Promised);
        }

        Assert.Single(Stores.Select(s => s.Revision).Distinct());
    }

    [Fact]
    public async Task ASuspensionDeclinesTheMerchantsCardsOnEverySilo()
    {
        var merchantId = Requests.NewId("m");
        await Policies.SuspendMerchantAsync(new MerchantSuspensionCommand(merchantId, new MerchantSuspension("chargeback spike", "olga", fixture.Clock.GetUtcNow())));
        foreach (var store in Stores)
        {
            await Eventually.Until(() => store.Book.Suspensions.ContainsKey(merchantId), suspended => suspended, Promised);
        }

        // Cards on both silos: twenty fresh cards land on one silo or the other, and every one is declined.
        var decisions = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            fixture.Client.GetGrain<ICardGrain>(Requests.NewId("card")).AuthorizeAsync(Requests.Authorization(Requests.NewId("auth"), merchantId))));
        Assert.All(decisions, d => Assert.Equal(RiskAction.Decline, d.Decision));

        await Policies.ReinstateMerchantAsync(merchantId);
        foreach (var store in Stores)
        {
            await Eventually.Until(() => store.Book.Suspensions.ContainsKey(merchantId), suspended => !suspended, Promised);
        }
    }

    [Fact]
    public async Task ALockdownRecordedByOneMerchantAppliesOnEverySiloUntilItEnds()
    {
        var merchantId = Requests.NewId("m");
        var until = fixture.Clock.GetUtcNow() + TimeSpan.FromHours(2);
        await Policies.LockDownMerchantAsync(merchantId, until);
        foreach (var store in Stores)
        {
            await Eventually.Until(() => store.LockdownUntil(merchantId), u => u == until, Promised);
        }

        // An earlier end changes nothing; a later one moves it on every silo.
        var revision = Stores.First().Revision;
        await Policies.LockDownMerchantAsync(merchantId, until - TimeSpan.FromMinutes(30));
        Assert.Null(await Policies.GetIfNewerAsync(revision));
        await Policies.LockDownMerchantAsync(merchantId, until + TimeSpan.FromHours(1));
        foreach (var store in Stores)
        {
            await Eventually.Until(() => store.LockdownUntil(merchantId), u => u == until + TimeSpan.FromHours(1), Promised);
        }
    }

    [Fact]
    public async Task AUserOrKeyChangedThroughOneSiloAppliesOnEverySilo()
    {
        var access = fixture.Client.GetGrain<IAccessGrain>(IAccessGrain.SingletonKey);
        var name = Requests.NewId("u");
        var now = fixture.Clock.GetUtcNow();
        var created = await access.CreateUserAsync(new NewPortalUser(name, ["analyst"], "AQAAAAIAAYagAAAAEHash", "ada", now));
        foreach (var silo in fixture.Silos)
        {
            var directory = silo.GetRequiredService<OpenAccessDirectory>();
            await Eventually.Until(() => directory.Revision, r => r >= created.Revision, Promised);
            Assert.NotNull(directory.Applied!.User(name));
        }

        var disabled = await access.SetUserDisabledAsync(new PortalUserDisabled(name, true));
        Assert.Equal(created.Revision + 1, disabled.Revision);
        foreach (var silo in fixture.Silos)
        {
            var directory = silo.GetRequiredService<OpenAccessDirectory>();
            await Eventually.Until(() => directory.Applied?.User(name)?.Disabled, d => d == true, Promised);
        }
    }

    [Fact]
    public async Task ARefreshWithNothingNewChangesNothing()
    {
        foreach (var silo in fixture.Silos)
        {
            var sync = silo.GetServices<IHostedService>().OfType<ClusterSettingsSync>().Single();
            await sync.RefreshAsync();
            Assert.False(await sync.RefreshAsync());
        }
    }
}
