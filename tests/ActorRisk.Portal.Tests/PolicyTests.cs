using System.Text.Json;

namespace ActorRisk.Portal.Tests;

/// <summary>Card policies in the portal: administrators edit them (audited, applied at once), analysts only read them.</summary>
[Collection(BrowserTests.Name)]
public sealed class PolicyTests(BrowserFixture browser) : PortalTest(browser)
{
    [Fact]
    public async Task AnAdministratorTightensTheBurstLimitAndTheNextAuthorizationsFollowIt()
    {
        using var api = Silo.ApiClient();
        await SignInAsync(PortalSilo.Admin);
        await Page.GotoAsync(Url("/policies"));

        await Page.GetByLabel("small_auth_burst threshold").FillAsync("2");
        await Page.GetByLabel("Reason for the change", new() { Exact = true }).First.FillAsync("card-testing wave at gift-card merchants");
        await SubmitAsync(Page, Page.GetByRole(AriaRole.Button, new() { Name = "Save default policy" }));

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Default policy saved.");
        await Expect(Page.GetByLabel("small_auth_burst threshold")).ToHaveValueAsync("2");
        await ScreenshotAsync(Page, "policies");

        var card = $"tok_{Guid.NewGuid():N}"[..26];
        var first = await PortalScenarioTests.AuthorizeAsync(api, card, "m-policy", $"{card}-1");
        var second = await PortalScenarioTests.AuthorizeAsync(api, card, "m-policy", $"{card}-2");
        Assert.Equal("challenge", first.GetProperty("decision").GetString());
        Assert.Equal("decline", second.GetProperty("decision").GetString());
        Assert.Contains(second.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "small_auth_burst");

        await Page.GotoAsync(Url("/audit?action=policy.default"));
        var row = Page.Locator("table.grid tbody tr").Filter(new() { HasText = "card-testing wave at gift-card merchants" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("admin");
    }

    [Fact]
    public async Task AnAnalystSeesThePoliciesButCannotChangeThem()
    {
        await SignInAsync(PortalSilo.Analyst);
        await Page.GotoAsync(Url("/policies"));

        await Expect(Page.GetByLabel("small_auth_burst threshold")).ToBeDisabledAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Save default policy" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Save merchant override" })).ToHaveCountAsync(0);
        await Expect(Page.GetByText("Only administrators change policies.")).ToBeVisibleAsync();

        using var api = Silo.ApiClient();
        var card = $"tok_{Guid.NewGuid():N}"[..26];
        await PortalScenarioTests.AuthorizeAsync(api, card, "m-policy-read", $"{card}-1");
        var second = await PortalScenarioTests.AuthorizeAsync(api, card, "m-policy-read", $"{card}-2");
        Assert.NotEqual("decline", second.GetProperty("decision").GetString());
    }
}
