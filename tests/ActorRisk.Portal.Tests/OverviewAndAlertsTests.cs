using System.Net.Http.Json;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// The overview, alerts, audit and cluster pages over a live circuit: traffic sent through the API shows on an open
/// page without a reload, and an operator acknowledges an alert in a dialog that requires a reason.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class OverviewAndAlertsTests(BrowserFixture browser) : PortalTest(browser)
{
    /// <summary>What the issue promises for live figures: on screen within 2 s of the API's answer.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions WithinTwoSeconds = new() { Timeout = 2_000 };

    /// <summary>An alert is raised when the merchant grain takes its counts (each second), then travels the alert stream.</summary>
    private static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ACardTestingBurstShowsOnTheOpenOverviewWithinTwoSecondsWithoutReload()
    {
        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/");
        var decline = Page.Locator("#stats .decision-decline .figure");
        var blocked = Page.Locator("#stats .tile.alert .figure");
        await Expect(decline).ToHaveTextAsync("0");
        await Expect(blocked).ToHaveTextAsync("0");
        var navigations = CountNavigations();

        using var api = Silo.ApiClient();
        await PortalScenarioTests.BlockByBurstAsync(api, PortalScenarioTests.NewCardToken(), "m_overview_burst");

        await Expect(decline).ToHaveTextAsync("1", WithinTwoSeconds);
        await Expect(blocked).ToHaveTextAsync("1", WithinTwoSeconds);
        await Expect(Page.Locator("#stats .decision-challenge .figure")).ToHaveTextAsync("2", WithinTwoSeconds);

        // The chart is drawn over the circuit, one line per outcome.
        await Expect(Page.Locator("#live-stats figure svg").First).ToBeVisibleAsync();
        await Expect(Page.Locator("#live-stats figure")).ToContainTextAsync("Decline");
        Assert.Equal(0, navigations());
        await ScreenshotAsync(Page, "overview");
    }

    [Fact]
    public async Task ANewAlertAppearsOnTheOpenAlertsPageAndAnOperatorAcknowledgesItWithAReason()
    {
        const string merchant = "m_card_testing";
        await SignInAsync(PortalSilo.Operator);
        await GotoInteractiveAsync("/alerts?acknowledged=false");
        await Expect(Page.GetByText("No alerts.")).ToBeVisibleAsync();
        var navigations = CountNavigations();

        // Ten distinct cards with small authorizations at one merchant: the merchant's card-testing alert.
        using var api = Silo.ApiClient();
        for (var i = 0; i < 10; i++)
        {
            await PortalScenarioTests.AuthorizeAsync(api, PortalScenarioTests.NewCardToken(), merchant, $"enum-{Guid.NewGuid():N}");
        }

        var row = Page.Locator("table tbody tr").Filter(new() { HasTextString = "cardTesting" });
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = (float)AlertTimeout.TotalMilliseconds });
        await Expect(row).ToContainTextAsync(merchant);
        Assert.Equal(0, navigations());
        await ScreenshotAsync(Page, "alerts");

        // The dialog will not confirm without a reason.
        await row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge alert" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync(merchant);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Acknowledge", Exact = true }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Give a reason");
        await dialog.GetByLabel("Reason").FillAsync("Known tester, merchant contacted");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Acknowledge", Exact = true }).ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("Alert acknowledged");
        // The open-alerts list no longer has it; the audit log has who and why.
        await Expect(row).ToHaveCountAsync(0);
        await GotoInteractiveAsync("/audit?action=alert.acknowledge");
        var entry = Page.Locator("table tbody tr").Filter(new() { HasTextString = "Known tester, merchant contacted" });
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry).ToContainTextAsync(PortalSilo.Operator.UserName);
    }

    [Fact]
    public async Task AnAnalystSeesAlertsButNoWayToAcknowledgeThem()
    {
        using var api = Silo.ApiClient();
        for (var i = 0; i < 10; i++)
        {
            await PortalScenarioTests.AuthorizeAsync(api, PortalScenarioTests.NewCardToken(), "m_seen_only", $"enum-{Guid.NewGuid():N}");
        }

        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/alerts");
        var row = Page.Locator("table tbody tr").Filter(new() { HasTextString = "m_seen_only" });
        await Expect(row.First).ToBeVisibleAsync(new() { Timeout = (float)AlertTimeout.TotalMilliseconds });
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge alert" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheAuditFiltersAreInTheAddressAndNarrowTheEntries()
    {
        // An unblock through the API is an audited action.
        using var api = Silo.ApiClient();
        var card = PortalScenarioTests.NewCardToken();
        await PortalScenarioTests.BlockByBurstAsync(api, card, "m_audit_filter");
        using (var unblocked = await api.PostAsJsonAsync(new Uri($"/v1/cards/{card}/unblock", UriKind.Relative), new { reason = "Cardholder called" }))
        {
            Assert.True(unblocked.IsSuccessStatusCode, await unblocked.Content.ReadAsStringAsync());
        }

        await SignInAsync(PortalSilo.Admin);
        await GotoInteractiveAsync("/audit");
        await Expect(Page.Locator("table tbody tr").Filter(new() { HasTextString = "Cardholder called" })).ToHaveCountAsync(1);

        await Page.GetByLabel("Action", new() { Exact = true }).FillAsync("no.such.action");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(Url("/audit?action=no.such.action"));
        await Expect(Page.GetByText("No entries match.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnAdministratorSeesTheSilosAndGrainActivationsAndAnAnalystCannotOpenThePage()
    {
        using var api = Silo.ApiClient();
        await PortalScenarioTests.BlockByBurstAsync(api, PortalScenarioTests.NewCardToken(), "m_cluster_page");

        await SignInAsync(PortalSilo.Admin);
        await GotoInteractiveAsync("/admin/cluster");
        var silos = Page.GetByRole(AriaRole.Table, new() { Name = "Silos" });
        await Expect(silos.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(silos.Locator("tbody tr")).ToContainTextAsync("127.0.0.1");
        await Expect(silos.Locator("tbody tr")).ToContainTextAsync("Active");
        var grains = Page.GetByRole(AriaRole.Table, new() { Name = "Grain activations by type" });
        await Expect(grains.Locator("tbody tr").Filter(new() { HasTextString = "CardGrain" })).ToHaveCountAsync(1);
        await ScreenshotAsync(Page, "cluster");

        await Context.ClearCookiesAsync();
        await SignInAsync(PortalSilo.Analyst);
        await Page.GotoAsync("/admin/cluster");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Cluster", Level = 1, Exact = true })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Cluster", Exact = true })).ToHaveCountAsync(0);
    }

    /// <summary>Counts main-frame navigations from now on: a live page must change without any.</summary>
    private Func<int> CountNavigations()
    {
        var count = 0;
        Page.FrameNavigated += (_, frame) =>
        {
            if (frame == Page.MainFrame)
            {
                Interlocked.Increment(ref count);
            }
        };
        return () => Volatile.Read(ref count);
    }
}
