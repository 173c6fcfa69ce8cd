using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;
using Npgsql;

namespace ActorRisk.Silo.Tests.Support;

public sealed record AlertDeliveryReply(string Status, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, string? LastError);

public sealed record AlertReply(
    string Id,
    string MerchantId,
    string Kind,
    string? Program,
    string Month,
    DateTimeOffset RaisedAt,
    string Message,
    AlertDeliveryReply Delivery,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt);

/// <summary>The alert API and the records that make a merchant go over VAMP (or VDMP) thresholds.</summary>
public static class AlertApi
{
    /// <summary>The running-month warning kinds, in ordinal order (see <see cref="KindsOf"/>).</summary>
    public static IReadOnlyList<string> WarningKinds { get; } = ["approaching", "overThreshold", "projectedOver"];

    /// <summary>The alerts' kinds in ordinal order: alerts raised at the same instant list in id order, not by level.</summary>
    public static IReadOnlyList<string> KindsOf(IEnumerable<AlertReply> alerts) => [.. alerts.Select(a => a.Kind).Order(StringComparer.Ordinal)];

    /// <summary>GET /v1/alerts?{query}, expecting 200.</summary>
    public static async Task<IReadOnlyList<AlertReply>> AlertsAsync(this HttpClient client, string query)
    {
        var reply = await client.GetReplyAsync($"/v1/alerts?{query}");
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET /v1/alerts?{query}: {reply}");
        Assert.Equal(SiloApi.JsonMediaType, reply.MediaType);
        return reply.As<List<AlertReply>>();
    }

    public static Task<Reply> AcknowledgeReplyAsync(this HttpClient client, string alertId, string reason) =>
        client.PostReplyAsync($"/v1/alerts/{alertId}/acknowledge", new { reason });

    /// <summary>Reads the merchant's alerts until <paramref name="done"/> holds; fails with the last list after the timeout.</summary>
    public static async Task<IReadOnlyList<AlertReply>> WaitForAlertsAsync(this HttpClient client, string query, Func<IReadOnlyList<AlertReply>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var alerts = await client.AlertsAsync(query);
        while (!done(alerts) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            alerts = await client.AlertsAsync(query);
        }

        Assert.True(done(alerts), $"Alerts: {what} not seen after {timeout}: {JsonSerializer.Serialize(alerts)}");
        return alerts;
    }

    /// <summary>One settlement batch of card-not-present Visa sales (USD 30 each).</summary>
    public static Task<IngestionReply> CnpSalesAsync(HttpClient client, string merchantId, long count, string date) =>
        client.RecordAsync(MerchantApi.Sales, MerchantApi.SalesBatch(MerchantApi.NewId("batch"), merchantId, CardNetwork.Visa, count, count * 3_000, "USD", cardPresent: false, date));

    /// <summary>NDJSON of Visa disputes numbered <paramref name="from"/> to <paramref name="to"/> (ids derived from the merchant, so a resend has the same ids).</summary>
    public static string VisaDisputes(string merchantId, string date, int from, int to, string tag = "d") =>
        string.Join('\n', Enumerable.Range(from, to - from + 1).Select(i =>
            MerchantApi.Dispute($"{merchantId}-{tag}{i.ToString(CultureInfo.InvariantCulture)}", merchantId, CardNetwork.Visa, 2_500, "USD", date).ToJsonString()));

    /// <summary>POSTs an NDJSON file, expecting 200 and no rejected row; returns the report.</summary>
    public static async Task<JsonElement> ImportAsync(HttpClient client, string path, string ndjson)
    {
        using var content = new StringContent(ndjson, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var reply = await SiloApi.ReadAsync(await client.PostAsync(new Uri(path, UriKind.Relative), content));
        Assert.True(reply.Status == HttpStatusCode.OK, $"POST {path}: {reply}");
        var report = reply.Json();
        Assert.True(report.GetProperty("rejected").GetInt32() == 0, $"POST {path}: {reply}");
        return report;
    }

    /// <summary>A month of Visa activity (card present, so VAMP is not concerned): one sales batch and <paramref name="disputes"/> disputes.</summary>
    public static async Task VisaMonthAsync(HttpClient client, string merchantId, YearMonth month, long sales, int disputes)
    {
        var date = MerchantApi.Day(month, 5);
        await client.RecordAsync(MerchantApi.Sales, MerchantApi.SalesBatch(MerchantApi.NewId("batch"), merchantId, CardNetwork.Visa, sales, sales * 3_000, "USD", cardPresent: true, date));
        await ImportAsync(client, "/v1/disputes:batch", VisaDisputes(merchantId, date, 1, disputes, $"m{month.ToString().Replace("-", string.Empty, StringComparison.Ordinal)}-"));
    }
}
