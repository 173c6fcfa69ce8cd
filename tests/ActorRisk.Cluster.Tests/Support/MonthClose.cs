using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorRisk.Cluster.Tests.Support;

/// <summary>
/// A month close that falls due while a test runs: the grace period (ActorRisk:Merchants:MonthCloseGrace, an
/// operator's setting) is chosen so that the previous UTC month closes <c>lead</c> after the test starts. Records
/// dated in that month are on time until then, and each merchant's reminder closes it then.
/// </summary>
public sealed partial class MonthClose
{
    private MonthClose(DateTimeOffset dueAt)
    {
        DueAt = dueAt;
        var thisMonth = new DateTimeOffset(dueAt.Year, dueAt.Month, 1, 0, 0, 0, TimeSpan.Zero);
        // The month before the one the close falls in (the grace is under a month's length only near a month start).
        Closing = thisMonth.AddMonths(-1);
        Grace = dueAt - thisMonth;
    }

    public DateTimeOffset DueAt { get; }

    /// <summary>The first day of the month that closes at <see cref="DueAt"/>.</summary>
    public DateTimeOffset Closing { get; }

    public TimeSpan Grace { get; }

    /// <summary>yyyy-MM of the closing month, as the API writes months.</summary>
    public string Month => Closing.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static MonthClose DueIn(TimeSpan lead) => new(DateTimeOffset.UtcNow + lead);

    /// <summary>The grace period, and the merchant grains' ticks in the log (the test hosts log warnings only).</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ActorRisk:Merchants:MonthCloseGrace"] = Grace.ToString("c", CultureInfo.InvariantCulture),
        ["Logging:LogLevel:ActorRisk.Grains.Merchants.MerchantGrain"] = "Information",
    };

    /// <summary>POST /v1/sales: one settlement batch dated in the closing month (USD, so no rate is needed).</summary>
    public async Task RecordSalesAsync(HttpClient client, string merchantId, int count)
    {
        var (status, answer) = await client.PostAsync("/v1/sales", new JsonObject
        {
            ["batchId"] = $"batch-{Guid.NewGuid():N}",
            ["merchantId"] = merchantId,
            ["network"] = "visa",
            ["count"] = count,
            ["amount"] = count * 25,
            ["currency"] = "USD",
            ["cardPresent"] = true,
            ["date"] = Closing.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.True(status == HttpStatusCode.OK && answer?["late"]?.GetValue<bool>() == false, $"POST /v1/sales for {merchantId}: {(int)status} {answer?.ToJsonString()}");
    }

    /// <summary>Whether the merchant's last closed month (GET /v1/merchants/{id}) is the closing month.</summary>
    public async Task<bool> IsClosedAsync(HttpClient client, string merchantId) =>
        (string?)(await MerchantAsync(client, merchantId))["lastClosedMonth"] == Month;

    /// <summary>The merchant's closed months in its history, newest first (yyyy-MM and the sales count per network).</summary>
    public static async Task<JsonArray> HistoryAsync(HttpClient client, string merchantId) =>
        (await MerchantAsync(client, merchantId))["history"]!.AsArray();

    /// <summary>The month-close reminder ticks the hosts logged for <paramref name="merchantId"/>: where each ran and what it closed.</summary>
    public static IReadOnlyList<(string Host, string Closed)> TicksLogged(IEnumerable<HostProcess> hosts, string merchantId) =>
        [.. hosts.SelectMany(h => TickLine().Matches(h.Output).Where(m => m.Groups["merchant"].Value == merchantId).Select(m => (h.Name, m.Groups["closed"].Value.Trim())))];

    private static async Task<JsonNode> MerchantAsync(HttpClient client, string merchantId) =>
        JsonNode.Parse(await client.GetStringAsync(new Uri($"/v1/merchants/{merchantId}", UriKind.Relative)))!;

    [GeneratedRegex(@"Merchant (?<merchant>\S+): month-close reminder \(tick due [^)]*\) closed (?<closed>[^\r\n]+)")]
    private static partial Regex TickLine();
}
