using System.Text.Json;

namespace ActorRisk.Portal.Tests;

/// <summary>Card policies in the portal, over a live circuit: administrators edit them (audited, applied at once), analysts only read them.</summary>
[Collection(BrowserTests.Name)]
public sealed class PolicyTests(BrowserFixture browser) : PortalTest(browser)
{
    [Fact]
    public async Task AnAdministratorTightensTheBurstLimitAndTheNextAuthorizationsFollowIt()
    {
        using var api = Silo.ApiClient();
        await SignInAsync(PortalSilo.Admin);
        await GotoInteractiveAsync("/policies");

        await Page.GetByLabel("small_auth_burst threshold").FillAsync("2");
        await Page.GetByLabel("Reason for the change", new() { Exact = true }).First.FillAsync("card-testing wave at gift-card merchants");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save default policy" }).ClickAsync();

        await Expect(PageStatus).ToContainTextAsync("Default policy saved.");
        await Expect(Page.GetByLabel("small_auth_burst threshold")).ToHaveValueAsync("2");
        await ScreenshotAsync(Page, "policies");

        var card = $"tok_{Guid.NewGuid():N}"[..26];
        var first = await PortalScenarioTests.AuthorizeAsync(api, card, "m-policy", $"{card}-1");
        var second = await PortalScenarioTests.AuthorizeAsync(api, card, "m-policy", $"{card}-2");
        Assert.Equal("challenge", first.GetProperty("decision").GetString());
        Assert.Equal("decline", second.GetProperty("decision").GetString());
        Assert.Contains(second.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "small_auth_burst");

        await GotoInteractiveAsync("/audit?action=policy.default");
        var row = Page.Locator("table tbody tr").Filter(new() { HasText = "card-testing wave at gift-card merchants" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("admin");
    }

    [Fact]
    public async Task AnAdministratorRaisesTheSmallAmountAndMakesACategoryRefusePrepaidCards()
    {
        using var api = Silo.ApiClient();
        await SignInAsync(PortalSilo.Admin);
        await GotoInteractiveAsync("/policies");
        await Expect(Page.GetByLabel("Small amounts, in minor units per currency (inclusive)")).ToHaveValueAsync("EUR=100, GBP=100, JPY=100, KRW=1000, USD=100");

        // A malformed list is refused with the part at fault, and nothing changes.
        await Page.GetByLabel("Small amounts, in minor units per currency (inclusive)").FillAsync("JPY=500, USD");
        await Page.Locator("#default-reason").FillAsync("raise the yen threshold");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save default policy" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("\"USD\" is not CURRENCY=minor units");

        await GotoInteractiveAsync("/policies");
        await Page.GetByLabel("Small amounts, in minor units per currency (inclusive)").FillAsync("JPY=500, USD=100, EUR=100");
        await Page.Locator("#default-reason").FillAsync("card testers moved to 300-yen checks");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save default policy" }).ClickAsync();
        await Expect(PageStatus).ToContainTextAsync("Default policy saved.");
        await Expect(Page.GetByLabel("Small amounts, in minor units per currency (inclusive)")).ToHaveValueAsync("EUR=100, JPY=500, USD=100");

        var card = $"tok_{Guid.NewGuid():N}"[..26];
        var threeHundredYen = await PortalApi.AuthorizeAsync(api, new { authorizationId = $"{card}-1", cardToken = card, merchantId = "m-yen", amount = 300, currency = "JPY", cvcProvided = false });
        Assert.Equal("challenge", threeHundredYen.GetProperty("decision").GetString());
        Assert.Equal("small_auth_without_cvc", threeHundredYen.GetProperty("reasons")[0].GetProperty("code").GetString()); // 300 yen is small now

        await Page.GetByLabel("Applies to", new() { Exact = true }).SelectOptionAsync("mcc");
        await Page.GetByLabel("Merchant id or MCC", new() { Exact = true }).FillAsync("5816");
        await Page.GetByLabel("Prepaid cards", new() { Exact = true }).SelectOptionAsync("true");
        await Page.Locator("#override-reason").FillAsync("digital goods: prepaid cards used for card testing");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save override" }).ClickAsync();
        await Expect(PageStatus).ToContainTextAsync("Override for MCC 5816 saved.");
        await Expect(Page.Locator("table[aria-labelledby='mcc-overrides-title'] tbody tr")).ToContainTextAsync("refused");

        var prepaid = await PortalApi.AuthorizeAsync(api, new { authorizationId = $"{card}-2", cardToken = $"tok_{Guid.NewGuid():N}", merchantId = "m-games", amount = 5_000, currency = "JPY", cvcProvided = true, cardType = "prepaid", mcc = "5816" });
        Assert.Equal("decline", prepaid.GetProperty("decision").GetString());
        Assert.Equal("prepaid_refused", prepaid.GetProperty("reasons")[0].GetProperty("code").GetString());

        await GotoInteractiveAsync("/audit?action=policy.mcc");
        await Expect(Page.Locator("table tbody tr").Filter(new() { HasText = "5816" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AnAnalystSeesThePoliciesButCannotChangeThem()
    {
        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/policies");

        await Expect(Page.GetByLabel("small_auth_burst threshold")).ToBeDisabledAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Save default policy" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Save override" })).ToHaveCountAsync(0);
        await Expect(Page.GetByText("Only administrators change policies.")).ToBeVisibleAsync();

        using var api = Silo.ApiClient();
        var card = $"tok_{Guid.NewGuid():N}"[..26];
        await PortalScenarioTests.AuthorizeAsync(api, card, "m-policy-read", $"{card}-1");
        var second = await PortalScenarioTests.AuthorizeAsync(api, card, "m-policy-read", $"{card}-2");
        Assert.NotEqual("decline", second.GetProperty("decision").GetString());
    }
}
