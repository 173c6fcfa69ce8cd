using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace ActorRisk.Portal.Tests.Support;

/// <summary>What the browser tests send through the API as a gateway or back office would, to give the pages something to show.</summary>
internal static class PortalApi
{
    /// <summary>POST /v1/authorizations with <paramref name="body"/>; the answer, after asserting it was a 200.</summary>
    public static async Task<JsonElement> AuthorizeAsync(HttpClient api, object body)
    {
        using var response = await api.PostAsJsonAsync(new Uri("/v1/authorizations", UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /v1/authorizations: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A settlement batch for today, so the merchant is known and has a page.</summary>
    public static async Task RecordSalesAsync(HttpClient api, string merchant, long count, long amountYen)
    {
        using var response = await api.PostAsJsonAsync(new Uri("/v1/sales", UriKind.Relative), new
        {
            batchId = $"b-{Guid.NewGuid():N}",
            merchantId = merchant,
            network = "visa",
            count,
            amount = amountYen,
            currency = "JPY",
            cardPresent = false,
            date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
