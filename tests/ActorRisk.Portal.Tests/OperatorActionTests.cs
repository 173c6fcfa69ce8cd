using System.Net.Http.Json;
using System.Text.Json;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// Suspending and reinstating a merchant in a real browser: the gateway's next authorization follows the operator's action at once, and the audit log has it.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class OperatorActionTests(BrowserFixture browser) : PortalTest(browser)
{
    [Fact]
    public async Task AnOperatorSuspendsAMerchantItsAuthorizationsAreDeclinedAndReinstatingLetsThemThrough()
    {
        using var api = Silo.ApiClient();
        var merchant = $"m_susp_{Guid.NewGuid():N}"[..16];
        await PortalApi.RecordSalesAsync(api, merchant, count: 120, amountYen: 360_000);
        var pan = Pans.EndingIn("2231");
        Assert.Equal("approve", (await AuthorizeAsync(api, pan, merchant, 12_000)).GetProperty("decision").GetString());

        await SignInAsync(PortalSilo.Operator);
        await Page.GotoAsync($"/merchants/{merchant}");
        const string reason = "Card-testing investigation INC-3301";
        await Page.GetByLabel("Reason for suspending", new() { Exact = true }).FillAsync(reason);
        await SubmitAsync(Page, Page.GetByRole(AriaRole.Button, new() { Name = "Suspend merchant", Exact = true }));

        await Expect(Page.Locator("p.suspension")).ToContainTextAsync($"by operator: {reason}.");
        await Expect(Page.Locator("p.notice")).ToContainTextAsync("Merchant suspended");
        await ScreenshotAsync(Page, "merchant-suspended");
        var declined = await AuthorizeAsync(api, pan, merchant, 12_000);
        Assert.Equal("decline", declined.GetProperty("decision").GetString());
        Assert.Equal("merchant_suspended", declined.GetProperty("reasons")[0].GetProperty("code").GetString());

        await Page.GetByLabel("Reason for reinstating", new() { Exact = true }).FillAsync("Investigation closed");
        await SubmitAsync(Page, Page.GetByRole(AriaRole.Button, new() { Name = "Reinstate merchant", Exact = true }));
        await Expect(Page.Locator("p.suspension")).ToHaveCountAsync(0);
        Assert.Equal("approve", (await AuthorizeAsync(api, pan, merchant, 12_000)).GetProperty("decision").GetString());

        await Page.GotoAsync($"/audit?target={merchant}");
        var actions = Page.Locator("table.grid tbody tr td:nth-child(3)");
        await Expect(actions).ToHaveTextAsync(["merchant.reinstate", "merchant.suspend"]);
    }

    [Fact]
    public async Task AnAnalystSeesTheSuspensionButNoActionToChangeIt()
    {
        using var api = Silo.ApiClient();
        var merchant = $"m_view_{Guid.NewGuid():N}"[..16];
        await PortalApi.RecordSalesAsync(api, merchant, count: 120, amountYen: 360_000);
        using (var suspend = await api.PostAsJsonAsync($"/v1/merchants/{merchant}/suspend", new { reason = "Excessive chargebacks" }))
        {
            Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        }

        await SignInAsync(PortalSilo.Analyst);
        await Page.GotoAsync($"/merchants/{merchant}");

        await Expect(Page.Locator("p.suspension")).ToContainTextAsync("Excessive chargebacks");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Reinstate merchant" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Operator actions" })).ToHaveCountAsync(0);
    }

    private static Task<JsonElement> AuthorizeAsync(HttpClient api, string pan, string merchant, long amount) =>
        PortalApi.AuthorizeAsync(api, new { authorizationId = $"a-{Guid.NewGuid():N}", pan, merchantId = merchant, amount, currency = "JPY", cvcProvided = true });
}
