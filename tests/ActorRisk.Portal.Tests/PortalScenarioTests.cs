using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// The risk portal's scenarios in a real browser against the real silo, driven through the API as a payment gateway
/// would: a card-testing burst seen live, an operator's unblock and its audit entry, and an analyst who can neither
/// see nor post the operator's action. Screenshots of the live pages are saved on the way.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class PortalScenarioTests(BrowserFixture browser) : PortalTest(browser)
{
    private static readonly TimeSpan LiveTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ACardTestingBurstAppearsInTheLiveFeedAndOnTheCardPageWithoutReloading()
    {
        var token = NewCardToken();
        const string merchant = "m_live_burst";
        using var api = Silo.ApiClient();

        await SignInAsync(PortalSilo.Analyst);
        await OpenWithStreamAsync(Page, "/live", "/portal/live/decisions");
        var feed = Page.Locator("#feed tr");
        await Expect(feed).ToHaveCountAsync(0);

        // The burst: three small online authorizations without the security code, within a second.
        var decisions = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var answer = await AuthorizeAsync(api, token, merchant, $"burst-{token}-{i}");
            decisions.Add(answer.GetProperty("decision").GetString()!);
        }

        Assert.Equal("decline", decisions[^1]);

        // Newest first, without a reload: the decline (the third) on top, the first at the bottom.
        await Expect(feed).ToHaveCountAsync(3, new() { Timeout = (float)LiveTimeout.TotalMilliseconds });
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

        // The card's page: blocked, with its three decisions; a fourth decision appears without a reload.
        var cardPage = await Context.NewPageAsync();
        await OpenWithStreamAsync(cardPage, $"/cards/{token}", $"/portal/live/cards/{token}");
        var state = cardPage.Locator("#card-state");
        await Expect(state.Locator(".status .badge")).ToHaveTextAsync("Blocked");
        var recent = RecentDecisionRows(cardPage);
        await Expect(recent).ToHaveCountAsync(3);

        var fourthId = $"burst-{token}-4";
        var fourth = await AuthorizeAsync(api, token, merchant, fourthId);
        Assert.Equal("decline", fourth.GetProperty("decision").GetString());

        await Expect(recent).ToHaveCountAsync(4, new() { Timeout = (float)LiveTimeout.TotalMilliseconds });
        await Expect(cardPage.Locator("#card-state table").Nth(1)).ToContainTextAsync(fourthId);
        await Expect(state.Locator(".status .badge")).ToHaveTextAsync("Blocked");
        Assert.EndsWith($"/cards/{token}", cardPage.Url, StringComparison.Ordinal);
        await ScreenshotAsync(cardPage, "card-detail");

        // The feed got the fourth decision too, on top.
        await Expect(feed).ToHaveCountAsync(4, new() { Timeout = (float)LiveTimeout.TotalMilliseconds });
        await Expect(feed.First).ToContainTextAsync(token);
        await ScreenshotAsync(Page, "live-feed");
    }

    [Fact]
    public async Task AnOperatorUnblocksACardAndTheAuditLogShowsWhoAndWhy()
    {
        var token = NewCardToken();
        using var api = Silo.ApiClient();
        await BlockByBurstAsync(api, token, "m_operator_unblock");

        await SignInAsync(PortalSilo.Operator);
        await Page.GotoAsync($"/cards/{token}");
        await Expect(Page.Locator("#card-state .status .badge")).ToHaveTextAsync("Blocked");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Operator actions", Exact = true })).ToBeVisibleAsync();

        const string reason = "Cardholder confirmed the small charges were theirs";
        await Page.GetByLabel("Reason for unblocking", new() { Exact = true }).FillAsync(reason);
        await SubmitAsync(Page, Page.GetByRole(AriaRole.Button, new() { Name = "Unblock card", Exact = true }));

        await Expect(Page.Locator("#card-state .status .badge")).ToHaveTextAsync("Not blocked");
        await Expect(Page.Locator("p.notice")).ToHaveTextAsync("Card unblocked. The action is in the audit log.");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Block card", Exact = true })).ToBeVisibleAsync();

        using (var card = await api.GetAsync(new Uri($"/v1/cards/{token}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, card.StatusCode);
            Assert.False((await card.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("blocked").GetBoolean());
        }

        await Page.GotoAsync("/audit?action=card.unblock");
        var rows = Page.Locator("table.grid tbody tr").Filter(new() { HasTextString = token });
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
        var token = NewCardToken();
        using var api = Silo.ApiClient();
        await BlockByBurstAsync(api, token, "m_analyst_unblock");

        await SignInAsync(PortalSilo.Analyst);
        await Page.GotoAsync($"/cards/{token}");
        await Expect(Page.Locator("#card-state .status .badge")).ToHaveTextAsync("Blocked");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Unblock card" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Operator actions" })).ToHaveCountAsync(0);
        await Expect(Page.GetByLabel("Reason for unblocking")).ToHaveCountAsync(0);

        // The form posted anyway, with the analyst's cookies and a valid antiforgery token from the page.
        var request = Page.APIRequest;
        var html = await (await request.GetAsync($"/cards/{token}")).TextAsync();
        var match = AntiforgeryInput().Match(html);
        Assert.True(match.Success, "The card page carries no antiforgery token (the header's sign-out form has one).");
        var value = ValueAttribute().Match(match.Value);
        Assert.True(value.Success, $"No value in {match.Value}.");
        var antiforgery = WebUtility.HtmlDecode(value.Groups["value"].Value);

        var posted = await request.PostAsync($"/cards/{token}", new()
        {
            Form = FormOf(
                request,
                ("_handler", "unblock"),
                ("Action.Reason", "x"),
                ("__RequestVerificationToken", antiforgery)),
            MaxRedirects = 0,
        });
        var answer = await posted.TextAsync();
        // Refused: 400 (no unblock form is rendered for an analyst, so there is nothing to submit) or a redirect to /denied.
        var refused = posted.Status == 400
            || (posted.Status == 302 && posted.Headers.TryGetValue("location", out var location) && new Uri(Silo.Address, location).AbsolutePath == "/denied");
        Assert.True(refused, $"Expected 400 or a redirect to /denied, got {posted.Status}: {answer}");
        Assert.DoesNotContain("Card unblocked", answer, StringComparison.Ordinal);

        using (var card = await api.GetAsync(new Uri($"/v1/cards/{token}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, card.StatusCode);
            Assert.True((await card.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("blocked").GetBoolean());
        }

        await Page.GotoAsync($"/audit?action=card.unblock&target={token}");
        await Expect(Page.Locator("table.grid tbody tr")).ToHaveCountAsync(0);
        await Page.GotoAsync($"/cards/{token}");
        await Expect(Page.Locator("#card-state .status .badge")).ToHaveTextAsync("Blocked");

        // The token was a good one (so the refusal was not the antiforgery check's doing): it signs the analyst out.
        var signedOut = await request.PostAsync("/logout", new() { Form = FormOf(request, ("__RequestVerificationToken", antiforgery)), MaxRedirects = 0 });
        Assert.True(signedOut.Status is >= 300 and < 400, $"Signing out with the page's token: {signedOut.Status}.");
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(Url("/login?ReturnUrl=%2F"));
    }

    [Fact]
    public async Task TheOverviewAndAlertsShowLiveTraffic()
    {
        using var api = Silo.ApiClient();
        const string merchant = "m_card_testing";

        // Ten distinct cards with small authorizations at one merchant: the merchant's card-testing signal and alert.
        for (var i = 0; i < 10; i++)
        {
            await AuthorizeAsync(api, NewCardToken(), merchant, $"enum-{Guid.NewGuid():N}");
        }

        await BlockByBurstAsync(api, NewCardToken(), "m_overview_burst");

        await SignInAsync(PortalSilo.Analyst);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1, Exact = true })).ToBeVisibleAsync();
        await Expect(Page.Locator("#stats .decision-decline .figure")).Not.ToHaveTextAsync("0", new() { Timeout = (float)LiveTimeout.TotalMilliseconds });
        await Expect(Page.Locator("#stats .decision-challenge .figure")).Not.ToHaveTextAsync("0");
        await Expect(Page.Locator("#stats .tile.alert .figure")).Not.ToHaveTextAsync("0");
        await ScreenshotAsync(Page, "overview");

        // The alert is raised when the merchant grain takes its counts (every second): reload until it is there.
        var alertRow = Page.Locator("table tbody tr").Filter(new() { HasTextString = merchant });
        var deadline = DateTime.UtcNow + LiveTimeout;
        do
        {
            await Page.GotoAsync("/alerts");
            if (await alertRow.CountAsync() > 0)
            {
                break;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);

        await Expect(alertRow.First).ToBeVisibleAsync();
        await Expect(alertRow.First).ToContainTextAsync("cardTesting", new() { IgnoreCase = true });
        await ScreenshotAsync(Page, "alerts");
    }

    /// <summary>"tok_" and 22 URL-safe characters, new for each call.</summary>
    internal static string NewCardToken() => "tok_" + Guid.NewGuid().ToString("N")[..22];

    /// <summary>A small online authorization without the security code (JPY 1): what a card tester sends.</summary>
    internal static Task<JsonElement> AuthorizeAsync(HttpClient api, string cardToken, string merchantId, string authorizationId) =>
        PortalApi.AuthorizeAsync(api, new { authorizationId, cardToken, merchantId, amount = 1, currency = "JPY", cvcProvided = false, cardPresent = false });

    /// <summary>Three small authorizations on <paramref name="cardToken"/>: the third is declined and blocks the card.</summary>
    internal static async Task BlockByBurstAsync(HttpClient api, string cardToken, string merchantId)
    {
        JsonElement last = default;
        for (var i = 1; i <= 3; i++)
        {
            last = await AuthorizeAsync(api, cardToken, merchantId, $"burst-{cardToken}-{i}");
        }

        Assert.Equal("decline", last.GetProperty("decision").GetString());
        Assert.True(last.GetProperty("cardBlocked").GetBoolean());
    }

    /// <summary>Opens <paramref name="path"/> and waits until its SSE stream answered (the silo subscribes before answering).</summary>
    private static async Task OpenWithStreamAsync(IPage page, string path, string streamPath)
    {
        var connected = page.WaitForResponseAsync(r => new Uri(r.Url).AbsolutePath == streamPath, new() { Timeout = 15_000 });
        await page.GotoAsync(path);
        var response = await connected;
        Assert.Equal(200, response.Status);
    }

    private static ILocator RecentDecisionRows(IPage page) => page.Locator("#card-state table").Nth(1).Locator("tbody tr");

    private static IFormData FormOf(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        var form = request.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Append(name, value);
        }

        return form;
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex("value=\"(?<value>[^\"]+)\"")]
    private static partial Regex ValueAttribute();
}
