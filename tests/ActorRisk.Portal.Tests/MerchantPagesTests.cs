using System.Net.Http.Json;
using System.Text.Json;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// A merchant's page on a live circuit: records arriving through the API show without a reload, and an operator
/// suspends and reinstates the merchant through a dialog that asks why (the gateway follows at once, the audit log
/// has both); an analyst sees the suspension and no action.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class MerchantPagesTests(BrowserFixture browser) : PortalTest(browser)
{
    /// <summary>The bound for a live change: after the API has answered, the open page shows it within 2 s.</summary>
    private static readonly LocatorAssertionsToContainTextOptions WithinTwoSeconds = new() { Timeout = 2_000 };

    private ILocator Suspension => Page.Locator("p.suspension");

    private ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    [Fact]
    public async Task ARecordPostedThroughTheApiChangesTheOpenPageWithoutAReload()
    {
        using var api = Silo.ApiClient();
        var merchant = $"m_live_{Guid.NewGuid():N}"[..16];
        await PortalApi.RecordSalesAsync(api, merchant, count: 120, amountYen: 360_000);

        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync($"/merchants/{merchant}");
        var totals = Page.Locator("#running-totals");
        await Expect(totals).ToContainTextAsync("120 Visa sales");
        var loads = 0;
        Page.Load += (_, _) => loads++;

        await PortalApi.RecordSalesAsync(api, merchant, count: 30, amountYen: 90_000);
        await Expect(totals).ToContainTextAsync("150 Visa sales", WithinTwoSeconds);

        // A dispute moves the running month's ratios and their projection too.
        var projection = Page.Locator("#projection tbody");
        var before = await projection.InnerTextAsync();
        await RecordDisputeAsync(api, merchant);
        await Expect(totals).ToContainTextAsync("1 Visa disputes", WithinTwoSeconds);
        await Expect(projection).Not.ToHaveTextAsync(before, new() { Timeout = 2_000 });
        Assert.Equal(0, loads);
        Assert.EndsWith($"/merchants/{merchant}", Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOperatorSuspendsWithAReasonInTheDialogAndReinstatesAndTheAuditLogHasBoth()
    {
        using var api = Silo.ApiClient();
        var merchant = $"m_susp_{Guid.NewGuid():N}"[..16];
        await PortalApi.RecordSalesAsync(api, merchant, count: 120, amountYen: 360_000);
        var pan = Pans.EndingIn("2231");
        Assert.Equal("approve", (await AuthorizeAsync(api, pan, merchant)).GetProperty("decision").GetString());

        await SignInAsync(PortalSilo.Operator);
        await GotoInteractiveAsync($"/merchants/{merchant}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Suspend merchant", Exact = true }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();

        // No reason, no action: the dialog says why and stays open.
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Suspend", Exact = true }).ClickAsync();
        await Expect(Dialog).ToContainTextAsync("Give a reason: it goes into the audit log.");
        await Expect(Suspension).ToHaveCountAsync(0);

        const string reason = "Card-testing investigation INC-3301";
        await Dialog.GetByLabel("Reason for suspending").FillAsync(reason);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Suspend", Exact = true }).ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
        await Expect(Suspension).ToContainTextAsync($"by operator: {reason}.");
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("Merchant suspended");
        await ScreenshotAsync(Page, "merchant-suspended");
        var declined = await AuthorizeAsync(api, pan, merchant);
        Assert.Equal("decline", declined.GetProperty("decision").GetString());
        Assert.Equal("merchant_suspended", declined.GetProperty("reasons")[0].GetProperty("code").GetString());

        // Cancelling changes nothing; reinstating with a reason lets authorizations through again.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Reinstate merchant", Exact = true }).ClickAsync();
        await Dialog.GetByLabel("Reason for reinstating").FillAsync("Changed my mind");
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
        await Expect(Suspension).ToHaveCountAsync(1);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Reinstate merchant", Exact = true }).ClickAsync();
        await Dialog.GetByLabel("Reason for reinstating").FillAsync("Investigation closed");
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Reinstate", Exact = true }).ClickAsync();
        await Expect(Suspension).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Suspend merchant", Exact = true })).ToBeVisibleAsync();
        Assert.Equal("approve", (await AuthorizeAsync(api, pan, merchant)).GetProperty("decision").GetString());

        await Page.GotoAsync($"/audit?target={merchant}");
        var rows = Page.Locator("table tbody tr");
        await Expect(rows.Locator("td:nth-child(3)")).ToHaveTextAsync(["merchant.reinstate", "merchant.suspend"]);
        await Expect(rows.Nth(1).Locator("td").Nth(1)).ToHaveTextAsync("operator");
        await Expect(rows.Nth(1).Locator("td").Nth(4)).ToHaveTextAsync(reason);
    }

    [Fact]
    public async Task AnAnalystSeesTheSuspensionButNoActionToChangeIt()
    {
        using var api = Silo.ApiClient();
        var merchant = $"m_view_{Guid.NewGuid():N}"[..16];
        await PortalApi.RecordSalesAsync(api, merchant, count: 120, amountYen: 360_000);

        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync($"/merchants/{merchant}");
        await Expect(Page.Locator("#running-totals")).ToContainTextAsync("120 Visa sales");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Suspend merchant" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Operator actions" })).ToHaveCountAsync(0);

        // Suspended by the back office while the page is open: the page shows it, still with no action.
        using (var suspend = await api.PostAsJsonAsync($"/v1/merchants/{merchant}/suspend", new { reason = "Excessive chargebacks" }))
        {
            Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        }

        await Expect(Suspension).ToContainTextAsync("Excessive chargebacks", WithinTwoSeconds);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Reinstate merchant" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Operator actions" })).ToHaveCountAsync(0);
    }

    private static Task<JsonElement> AuthorizeAsync(HttpClient api, string pan, string merchant) =>
        PortalApi.AuthorizeAsync(api, new { authorizationId = $"a-{Guid.NewGuid():N}", pan, merchantId = merchant, amount = 12_000, currency = "JPY", cvcProvided = true });

    private static async Task RecordDisputeAsync(HttpClient api, string merchant)
    {
        using var response = await api.PostAsJsonAsync(new Uri("/v1/disputes", UriKind.Relative), new
        {
            disputeId = $"d-{Guid.NewGuid():N}",
            merchantId = merchant,
            network = "visa",
            amount = 3_000,
            currency = "JPY",
            reasonCode = "13.1",
            fraud = false,
            date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
