using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// The risk portal's scenarios in a real browser against the real silo, driven through the API as a payment gateway
/// would: the overview and alerts under live traffic (the card pages' scenarios are in <see cref="CardPagesTests"/>).
/// Screenshots of the pages are saved on the way.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PortalScenarioTests(BrowserFixture browser) : PortalTest(browser)
{
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
}
