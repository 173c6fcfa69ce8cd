using System.Net.Http.Json;
using System.Text.Json;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// Finding a card by its last four digits and a merchant in a real browser (suspending a merchant is in
/// <see cref="MerchantPagesTests"/>).
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class OperatorActionTests(BrowserFixture browser) : PortalTest(browser)
{
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
        await Page.GotoAsync("/cards");
        await Page.GetByLabel("Last four digits", new() { Exact = true }).FillAsync("5517");
        await Page.GetByLabel("Used at merchant", new() { Exact = true }).FillAsync(merchant);
        await SubmitAsync(Page, Page.GetByRole(AriaRole.Button, new() { Name = "Find cards", Exact = true }));

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "1 card matches.", Exact = true })).ToBeVisibleAsync();
        var rows = Page.Locator("table.grid tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("5517");
        await Expect(rows.First).ToContainTextAsync(merchant);
        await ScreenshotAsync(Page, "card-search");

        await SubmitAsync(Page, rows.First.GetByRole(AriaRole.Link, new() { Name = wanted, Exact = true }));
        await Expect(Page).ToHaveURLAsync(Url($"/cards/{wanted}"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("5517");

        await Page.GotoAsync("/cards?last4=55a7");
        await Expect(Page.Locator("p.error")).ToHaveTextAsync("Last four digits: give exactly four digits.");
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
}
