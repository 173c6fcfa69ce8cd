using System.Net.Http.Json;
using ActorRisk.Abstractions.Cards;
using ActorRisk.Portal.Live;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// The live feed over a circuit in a real browser: rows arrive without reloading and stay bounded under a burst,
/// pause holds the table still while counting, filters hide what does not match, and leaving ends the page's feed.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class LiveFeedPageTests(BrowserFixture browser) : PortalTest(browser)
{
    private ILocator Rows => Page.Locator("#feed tr");

    [Fact]
    public async Task TheFeedRegionIsPoliteAndAnnouncesOnlyAdditions()
    {
        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/live");
        var feed = Page.Locator("#feed");
        await Expect(feed).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(feed).ToHaveAttributeAsync("aria-relevant", "additions");
        await Expect(Page.Locator("[aria-live='assertive']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task PauseStopsNewRowsAndResumeSaysHowManyArrivedThenShowsNewOnes()
    {
        const string merchant = "m_pause";
        using var api = Silo.ApiClient();
        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/live");

        await AuthorizeAsync(api, merchant, "before-pause");
        await Expect(Rows).ToHaveCountAsync(1, new() { Timeout = 2_000 });

        await Page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasTextString = "Paused" })).ToHaveTextAsync("Paused: new decisions are counted, not shown.");
        for (var i = 0; i < 3; i++)
        {
            await AuthorizeAsync(api, merchant, $"paused-{i}");
        }

        // Counted while paused, never shown: the count reaches three while the table keeps its one row.
        await Expect(Page.Locator(".feed-counts .paused-count")).ToHaveTextAsync("3 new decisions since the pause.");
        await Expect(Rows).ToHaveCountAsync(1);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#feed-status")).ToHaveTextAsync("Resumed: 3 decisions arrived while paused and are not shown.");
        await Expect(Page.Locator(".feed-counts .paused-count")).ToHaveCountAsync(0);
        await Expect(Rows).ToHaveCountAsync(1);

        await AuthorizeAsync(api, merchant, "after-resume");
        await Expect(Rows).ToHaveCountAsync(2, new() { Timeout = 2_000 });
    }

    [Fact]
    public async Task FiltersHideRowsThatDoNotMatchAndApplyToNewArrivals()
    {
        using var api = Silo.ApiClient();
        var blocked = PortalScenarioTests.NewCardToken();
        var other = PortalScenarioTests.NewCardToken();
        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/live");

        // Three small authorizations decline the third (and block the card); one ordinary one elsewhere is approved.
        await PortalScenarioTests.BlockByBurstAsync(api, blocked, "m_filter_burst");
        await PortalApi.AuthorizeAsync(api, new { authorizationId = $"ok-{other}", cardToken = other, merchantId = "m_filter_shop", amount = 4_800, currency = "JPY", cvcProvided = true });
        await Expect(Rows).ToHaveCountAsync(4, new() { Timeout = 2_000 });

        await Page.GetByLabel("Declines", new() { Exact = true }).CheckAsync();
        await Expect(Rows).ToHaveCountAsync(1);
        await Expect(Rows.Locator(".badge.decision")).ToHaveTextAsync("decline");

        await Page.GetByLabel("Every decision", new() { Exact = true }).CheckAsync();
        await Expect(Rows).ToHaveCountAsync(4);

        var merchantFilter = Page.GetByLabel("Merchant", new() { Exact = true });
        await merchantFilter.FillAsync("m_filter_shop");
        await Expect(Rows).ToHaveCountAsync(1);
        await Expect(Rows).ToContainTextAsync(other);

        // A new decision that does not match stays hidden; one that does appears.
        await PortalScenarioTests.AuthorizeAsync(api, PortalScenarioTests.NewCardToken(), "m_filter_elsewhere", $"x-{Guid.NewGuid():N}");
        await PortalApi.AuthorizeAsync(api, new { authorizationId = $"ok2-{other}", cardToken = other, merchantId = "m_filter_shop", amount = 5_000, currency = "JPY", cvcProvided = true });
        await Expect(Rows).ToHaveCountAsync(2, new() { Timeout = 2_000 });
        await Expect(Rows.Filter(new() { HasTextString = "m_filter_elsewhere" })).ToHaveCountAsync(0);

        await merchantFilter.FillAsync("");
        await Page.GetByLabel("Card token", new() { Exact = true }).FillAsync(blocked);
        await Expect(Rows).ToHaveCountAsync(3);
        await Expect(Rows.Filter(new() { HasTextString = blocked })).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task ABurstKeepsOnlyTheNewestThreeHundredRowsNewestFirst()
    {
        // Waves of as many rows as one render shows, each sent once the one before is on the page, so none is left
        // out and the page alone decides what it keeps: 300 rows, then one more.
        const int Wave = ActorRisk.Portal.Components.Pages.Live.RowsPerRender;
        var merchant = $"m_flood_{Guid.NewGuid():N}"[..17];
        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/live");

        using var api = Silo.ApiClient();
        for (var wave = 0; wave < 300 / Wave; wave++)
        {
            await SendWaveAsync(api, merchant, wave, Wave);
            await Expect(Rows).ToHaveCountAsync((wave + 1) * Wave);
        }

        var last = PortalScenarioTests.NewCardToken();
        await PortalScenarioTests.AuthorizeAsync(api, last, merchant, $"flood-last-{last}");

        await Expect(Rows.First).ToContainTextAsync(last);
        await Expect(Rows).ToHaveCountAsync(300);
        await Expect(Page.Locator(".feed-counts .missed")).ToHaveCountAsync(0);
    }

    private static Task SendWaveAsync(HttpClient api, string merchant, int wave, int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            using var response = await api.PostAsJsonAsync("/v1/authorizations", new
            {
                authorizationId = $"flood-{merchant}-{wave}-{i}",
                cardToken = $"tok_{Guid.NewGuid():N}",
                merchantId = merchant,
                amount = 2_500,
                currency = "JPY",
                cvcProvided = true,
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }));

    [Fact]
    public async Task LeavingTheFeedEndsItsLiveUpdatesWithoutAnError()
    {
        var feed = Silo.Services.GetRequiredService<LiveFeed>();
        var before = feed.SubscriberCount(CardStreams.Decisions);

        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/live");
        await CardPagesTests.WaitForSubscribersAsync(feed, before + 1);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Cards", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Cards", Level = 1 })).ToBeVisibleAsync();
        await CardPagesTests.WaitForSubscribersAsync(feed, before);

        await GotoInteractiveAsync("/live");
        await CardPagesTests.WaitForSubscribersAsync(feed, before + 1);
        await Page.GotoAsync("/login");
        await CardPagesTests.WaitForSubscribersAsync(feed, before);

        var errors = Silo.Log.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, $"Leaving the live feed logged errors:\n{string.Join('\n', errors)}");
    }

    private static Task<System.Text.Json.JsonElement> AuthorizeAsync(HttpClient api, string merchant, string id) =>
        PortalApi.AuthorizeAsync(api, new { authorizationId = $"{id}-{Guid.NewGuid():N}", cardToken = PortalScenarioTests.NewCardToken(), merchantId = merchant, amount = 4_800, currency = "JPY", cvcProvided = true });
}
