using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// The card pages over a live circuit in a real browser, driven through the API as a payment gateway would: the
/// search, a card-testing burst seen on the open card page and the feed without reloading, an operator's block and
/// unblock in a dialog (audited, and seen by an analyst's open page), and an analyst who gets no action.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class CardPagesTests(BrowserFixture browser) : PortalTest(browser)
{
    /// <summary>The bound for a decision or a block to reach an open page, counted from the API's answer.</summary>
    private static readonly LocatorAssertionsToHaveCountOptions WithinTwoSeconds = new() { Timeout = 2_000 };

    [Fact]
    public async Task AnAnalystFindsACardByLastFourAndMerchantAndOpensIt()
    {
        using var api = Silo.ApiClient();
        var merchant = $"m_find_{Guid.NewGuid():N}"[..16];
        var wanted = await CardTokenOfAsync(api, Pans.EndingIn("5517"), merchant, 4_800);
        await AuthorizeAsync(api, Pans.EndingIn("5517"), "m_elsewhere", 4_800);
        await AuthorizeAsync(api, Pans.EndingIn("9034"), merchant, 4_800);

        // The card directory is filled a second behind the authorizations.
        await WaitUntilListedAsync(api, $"last4=5517&merchantId={merchant}");

        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/cards");
        await Page.GetByLabel("Last four digits", new() { Exact = true }).FillAsync("5517");
        await Page.GetByLabel("Used at merchant", new() { Exact = true }).FillAsync(merchant);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find cards", Exact = true }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "1 card matches.", Exact = true })).ToBeVisibleAsync();
        await Expect(Page).ToHaveURLAsync(Url($"/cards?last4=5517&merchant={merchant}"));
        var rows = Page.Locator(".card-results tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("5517");
        await Expect(rows.First).ToContainTextAsync(merchant);
        await ScreenshotAsync(Page, "card-search");

        await rows.First.GetByRole(AriaRole.Link, new() { Name = wanted, Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(Url($"/cards/{wanted}"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("5517");

        // A search given in the address, as a copied link would have it.
        await GotoInteractiveAsync("/cards?last4=55a7");
        await Expect(Page.Locator("p.error")).ToHaveTextAsync("Last four digits: give exactly four digits.");
        await Expect(Page.GetByLabel("Last four digits", new() { Exact = true })).ToHaveValueAsync("55a7");
    }

    [Fact]
    public async Task OpeningByTokenGoesToTheCardAndSomethingElseIsRefused()
    {
        var token = PortalScenarioTests.NewCardToken();
        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/cards");

        await Page.GetByLabel("Card token", new() { Exact = true }).FillAsync("4111111111111111");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That is not a card token (tok_...).");

        await Page.GetByLabel("Card token", new() { Exact = true }).FillAsync(token);
        await Page.GetByLabel("Card token", new() { Exact = true }).PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(Url($"/cards/{token}"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Card {token}");
        await Expect(StateChip(Page)).ToHaveTextAsync("Not blocked");
    }

    [Fact]
    public async Task ACardTestingBurstShowsOnTheFeedAndTheOpenCardPageWithinTwoSecondsWithoutReloading()
    {
        var token = PortalScenarioTests.NewCardToken();
        const string merchant = "m_live_burst";
        using var api = Silo.ApiClient();

        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/live");
        var feed = Page.Locator("#feed tr");
        await Expect(feed).ToHaveCountAsync(0);

        var cardPage = await Context.NewPageAsync();
        await cardPage.GotoAsync($"/cards/{token}");
        await WaitForInteractiveAsync(cardPage);
        await Expect(StateChip(cardPage)).ToHaveTextAsync("Not blocked");
        var recent = RecentDecisionRows(cardPage);
        await Expect(recent).ToHaveCountAsync(0);
        await Page.BringToFrontAsync();

        // The burst: three small online authorizations without the security code, within a second.
        var decisions = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var answer = await PortalScenarioTests.AuthorizeAsync(api, token, merchant, $"burst-{token}-{i}");
            decisions.Add(answer.GetProperty("decision").GetString()!);
        }

        Assert.Equal("decline", decisions[^1]);

        // Newest first, without a reload: the decline (the third) on top, the first at the bottom.
        await Expect(feed).ToHaveCountAsync(3, WithinTwoSeconds);
        for (var i = 0; i < 3; i++)
        {
            await Expect(feed.Nth(i).Locator(".badge.decision")).ToHaveTextAsync(decisions[2 - i]);
            await Expect(feed.Nth(i)).ToContainTextAsync(token);
            await Expect(feed.Nth(i)).ToContainTextAsync(merchant);
        }

        var declineRow = feed.Filter(new() { Has = Page.Locator(".badge.decision", new() { HasTextString = "decline" }) });
        await Expect(declineRow).ToHaveCountAsync(1);
        await Expect(declineRow).ToContainTextAsync("card blocked");
        await Expect(declineRow.GetByRole(AriaRole.Link, new() { Name = token, Exact = true })).ToHaveAttributeAsync("href", $"/cards/{token}");

        // The card page, open since before the burst: blocked, its three decisions and counters, never reloaded.
        await Expect(recent).ToHaveCountAsync(3, WithinTwoSeconds);
        await Expect(StateChip(cardPage)).ToHaveTextAsync("Blocked", new() { Timeout = 2_000 });
        await Expect(cardPage.Locator(".card-counters tbody tr").First.Locator("td").First).Not.ToHaveTextAsync("0");
        Assert.EndsWith($"/cards/{token}", cardPage.Url, StringComparison.Ordinal);

        var fourthId = $"burst-{token}-4";
        var fourth = await PortalScenarioTests.AuthorizeAsync(api, token, merchant, fourthId);
        Assert.Equal("decline", fourth.GetProperty("decision").GetString());

        await Expect(recent).ToHaveCountAsync(4, WithinTwoSeconds);
        await Expect(recent.Filter(new() { HasTextString = fourthId })).ToHaveCountAsync(1);
        await Expect(feed).ToHaveCountAsync(4, WithinTwoSeconds);
        await Expect(feed.First.Locator(".badge.decision")).ToHaveTextAsync("decline");
        await ScreenshotAsync(cardPage, "card-detail");
        await ScreenshotAsync(Page, "live-feed");
    }

    [Fact]
    public async Task AnOperatorBlocksACardInTheDialogAndAnAnalystsOpenPageShowsItWithoutReloading()
    {
        var token = PortalScenarioTests.NewCardToken();
        using var api = Silo.ApiClient();
        await PortalScenarioTests.AuthorizeAsync(api, token, "m_dialog_block", $"a-{token}");

        // The analyst's page, in a browser context of its own (another person's browser).
        await using var analystContext = await Fixture.NewContextAsync(Silo.Address);
        var analyst = await analystContext.NewPageAsync();
        await SignInAsync(analyst, PortalSilo.Analyst);
        await analyst.GotoAsync($"/cards/{token}");
        await WaitForInteractiveAsync(analyst);
        await Expect(StateChip(analyst)).ToHaveTextAsync("Not blocked");
        await Expect(analyst.GetByRole(AriaRole.Button, new() { Name = "Block card" })).ToHaveCountAsync(0);

        await SignInAsync(PortalSilo.Operator);
        await GotoInteractiveAsync($"/cards/{token}");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Operator actions", Exact = true })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Block card", Exact = true }).ClickAsync();

        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Heading, new() { Name = "Block this card?", Level = 2 })).ToBeVisibleAsync();

        // No reason, no block: the dialog says why and stays open.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Block card", Exact = true }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Give a reason: it goes into the audit log.");
        await Expect(StateChip(Page)).ToHaveTextAsync("Not blocked");

        const string reason = "Cardholder reported the card stolen";
        await dialog.GetByLabel("Reason for blocking").FillAsync(reason);
        await Expect(dialog).Not.ToContainTextAsync("Give a reason");
        await ScreenshotAsync(Page, "card-block-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Block card", Exact = true }).ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("Card blocked. The action is in the audit log.");
        await Expect(StateChip(Page)).ToHaveTextAsync("Blocked");
        await Expect(Page.Locator("#card-state .status")).ToContainTextAsync($"{reason} (by operator)");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Unblock card", Exact = true })).ToBeVisibleAsync();

        // The operator's answer is back: the analyst's page, never reloaded, shows the block within two seconds.
        await Expect(StateChip(analyst)).ToHaveTextAsync("Blocked", new() { Timeout = 2_000 });
        await Expect(analyst.Locator("#card-state .status")).ToContainTextAsync(reason);
        Assert.EndsWith($"/cards/{token}", analyst.Url, StringComparison.Ordinal);

        // The gateway's next authorization is declined: the block is the card's, not the page's.
        var next = await PortalScenarioTests.AuthorizeAsync(api, token, "m_dialog_block", $"b-{token}");
        Assert.Equal("decline", next.GetProperty("decision").GetString());

        await Page.GotoAsync($"/audit?action=card.block&target={token}");
        var rows = Page.Locator("table tbody tr").Filter(new() { HasTextString = token });
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("operator");
        await Expect(rows).ToContainTextAsync(reason);
    }

    [Fact]
    public async Task AnOperatorUnblocksACardAndTheAuditLogShowsWhoAndWhy()
    {
        var token = PortalScenarioTests.NewCardToken();
        using var api = Silo.ApiClient();
        await PortalScenarioTests.BlockByBurstAsync(api, token, "m_operator_unblock");

        await SignInAsync(PortalSilo.Operator);
        await GotoInteractiveAsync($"/cards/{token}");
        await Expect(StateChip(Page)).ToHaveTextAsync("Blocked");

        // Cancelling changes nothing.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Unblock card", Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Reason for unblocking").FillAsync("not this one");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(StateChip(Page)).ToHaveTextAsync("Blocked");

        const string reason = "Cardholder confirmed the small charges were theirs";
        await Page.GetByRole(AriaRole.Button, new() { Name = "Unblock card", Exact = true }).ClickAsync();
        await dialog.GetByLabel("Reason for unblocking").FillAsync(reason);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Unblock card", Exact = true }).ClickAsync();

        await Expect(StateChip(Page)).ToHaveTextAsync("Not blocked");
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("Card unblocked. The action is in the audit log.");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Block card", Exact = true })).ToBeVisibleAsync();

        using (var card = await api.GetAsync(new Uri($"/v1/cards/{token}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, card.StatusCode);
            Assert.False((await card.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("blocked").GetBoolean());
        }

        await Page.GotoAsync("/audit?action=card.unblock");
        var rows = Page.Locator("table tbody tr").Filter(new() { HasTextString = token });
        await Expect(rows).ToHaveCountAsync(1);
        var cells = rows.Locator("td");
        await Expect(cells.Nth(1)).ToHaveTextAsync("operator");
        await Expect(cells.Nth(2)).ToHaveTextAsync("card.unblock");
        await Expect(cells.Nth(3)).ToHaveTextAsync(token);
        await Expect(cells.Nth(4)).ToHaveTextAsync(reason);
        await ScreenshotAsync(Page, "audit-log");
    }

    [Fact]
    public async Task AnAnalystNeitherSeesNorCanPostTheUnblockAction()
    {
        var token = PortalScenarioTests.NewCardToken();
        using var api = Silo.ApiClient();
        await PortalScenarioTests.BlockByBurstAsync(api, token, "m_analyst_unblock");

        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync($"/cards/{token}");
        await Expect(StateChip(Page)).ToHaveTextAsync("Blocked");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Unblock card" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Operator actions" })).ToHaveCountAsync(0);

        // The old static form posted anyway, with the analyst's cookies and a valid antiforgery token from the page.
        var request = Page.APIRequest;
        var html = await (await request.GetAsync($"/cards/{token}")).TextAsync();
        var match = AntiforgeryInput().Match(html);
        Assert.True(match.Success, "The card page carries no antiforgery token (the header's sign-out form has one).");
        var value = ValueAttribute().Match(match.Value);
        Assert.True(value.Success, $"No value in {match.Value}.");
        var antiforgery = WebUtility.HtmlDecode(value.Groups["value"].Value);

        var form = request.CreateFormData();
        form.Append("_handler", "unblock");
        form.Append("Action.Reason", "x");
        form.Append("__RequestVerificationToken", antiforgery);
        var posted = await request.PostAsync($"/cards/{token}", new() { Form = form, MaxRedirects = 0 });
        var answer = await posted.TextAsync();
        // Refused: the page has no such form any more (400), or a redirect to /denied.
        var refused = posted.Status == 400
            || (posted.Status == 302 && posted.Headers.TryGetValue("location", out var location) && new Uri(Silo.Address, location).AbsolutePath == "/denied");
        Assert.True(refused, $"Expected 400 or a redirect to /denied, got {posted.Status}: {answer}");

        using (var card = await api.GetAsync(new Uri($"/v1/cards/{token}", UriKind.Relative)))
        {
            Assert.True((await card.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("blocked").GetBoolean());
        }

        await Page.GotoAsync($"/audit?action=card.unblock&target={token}");
        await Expect(Page.Locator("table tbody tr").Filter(new() { HasTextString = token })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task LeavingACardPageEndsItsLiveUpdatesWithoutAnError()
    {
        var token = PortalScenarioTests.NewCardToken();
        var feed = Silo.Services.GetRequiredService<ActorRisk.Portal.Live.LiveFeed>();
        var before = feed.SubscriberCount(ActorRisk.Abstractions.Cards.CardStreams.Decisions);

        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync($"/cards/{token}");
        await WaitForSubscribersAsync(feed, before + 1);

        // Leaving inside the circuit (the navigation) and by loading another document both end the page's updates.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await WaitForSubscribersAsync(feed, before);

        await GotoInteractiveAsync($"/cards/{token}");
        await WaitForSubscribersAsync(feed, before + 1);
        await Page.GotoAsync("/login");
        await WaitForSubscribersAsync(feed, before);

        var errors = Silo.Log.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, $"Leaving the card page logged errors:\n{string.Join('\n', errors)}");
    }

    /// <summary>Waits (up to 15 s: a closed document's circuit ends when the browser says so) for the decisions topic to have <paramref name="count"/> readers.</summary>
    internal static async Task WaitForSubscribersAsync(ActorRisk.Portal.Live.LiveFeed feed, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        int now;
        while ((now = feed.SubscriberCount(ActorRisk.Abstractions.Cards.CardStreams.Decisions)) != count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(count, now);
    }

    private static ILocator StateChip(IPage page) => page.Locator("#card-state .status .state-chip");

    private static ILocator RecentDecisionRows(IPage page) => page.Locator("#card-state .card-decisions tbody tr");

    private static async Task SignInAsync(IPage page, PortalAccount account)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync(account.UserName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(account.Password);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }));
    }

    private static async Task WaitUntilListedAsync(HttpClient api, string query)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var found = await api.GetFromJsonAsync<JsonElement>($"/v1/cards?{query}");
            if (found.GetProperty("items").GetArrayLength() > 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No card listed for {query} after 10 s.");
            await Task.Delay(100);
        }
    }

    private static async Task<string> CardTokenOfAsync(HttpClient api, string pan, string merchant, long amount) =>
        (await AuthorizeAsync(api, pan, merchant, amount)).GetProperty("cardToken").GetString()!;

    private static Task<JsonElement> AuthorizeAsync(HttpClient api, string pan, string merchant, long amount) =>
        PortalApi.AuthorizeAsync(api, new { authorizationId = $"a-{Guid.NewGuid():N}", pan, merchantId = merchant, amount, currency = "JPY", cvcProvided = true });

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex("value=\"(?<value>[^\"]+)\"")]
    private static partial Regex ValueAttribute();
}
