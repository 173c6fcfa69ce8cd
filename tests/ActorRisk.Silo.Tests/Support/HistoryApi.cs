using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ActorRisk.Domain.Merchants;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;

namespace ActorRisk.Silo.Tests.Support;

/// <summary>Requests of the history import (POST /v1/merchants/{id}/history and /v1/merchants/history:batch) and the rulebook's answer to the same months.</summary>
public static class HistoryApi
{
    public const string Batch = "/v1/merchants/history:batch";

    public static string Path(string merchantId) => $"/v1/merchants/{merchantId}/history";

    /// <summary>A row with the required fields, every amount in USD: card-not-present sales at USD 50 each, disputes at USD 50 each.</summary>
    public static JsonObject Row(YearMonth month, CardNetwork network, long sales, long disputes, long fraudDisputes = 0, string currency = "USD") => new()
    {
        ["month"] = month.ToString(),
        ["network"] = network.Name(),
        ["salesCount"] = sales,
        ["salesAmount"] = Money(sales * 5_000, currency),
        ["cardNotPresentSalesCount"] = sales,
        ["disputeCount"] = disputes,
        ["disputeAmount"] = Money(disputes * 5_000, currency),
        ["fraudDisputeCount"] = fraudDisputes,
        ["fraudDisputeAmount"] = Money(fraudDisputes * 5_000, currency),
        ["fraudReportCount"] = 0,
        ["fraudReportAmount"] = Money(0, currency),
    };

    public static JsonObject Money(long amount, string currency) => new() { ["amount"] = amount, ["currency"] = currency };

    public static JsonObject Body(IEnumerable<JsonObject> rows, bool? replace = null, string? reason = null)
    {
        var body = new JsonObject { ["months"] = new JsonArray([.. rows.Select(r => r.DeepClone())]) };
        if (replace is { } value)
        {
            body["replace"] = value;
        }

        if (reason is not null)
        {
            body["reason"] = reason;
        }

        return body;
    }

    public static Task<Reply> ImportReplyAsync(this HttpClient client, string merchantId, JsonNode body) =>
        client.PostReplyAsync(Path(merchantId), SiloApi.Json(body.ToJsonString()));

    /// <summary>POST /v1/merchants/{merchantId}/history, expecting 200.</summary>
    public static async Task<Reply> ImportAsync(this HttpClient client, string merchantId, JsonNode body)
    {
        var reply = await client.ImportReplyAsync(merchantId, body);
        Assert.True(reply.Status == HttpStatusCode.OK, $"POST {Path(merchantId)}: {reply}");
        Assert.Equal(SiloApi.JsonMediaType, reply.MediaType);
        return reply;
    }

    /// <summary>POST /v1/merchants/history:batch with the rows as NDJSON lines (<paramref name="replace"/> as ?replace=true), expecting 200.</summary>
    public static async Task<JsonElement> ImportBatchAsync(this HttpClient client, IEnumerable<string> lines, bool replace = false)
    {
        using var content = new StringContent(string.Join('\n', lines), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var reply = await SiloApi.ReadAsync(await client.PostAsync(new Uri(replace ? $"{Batch}?replace=true" : Batch, UriKind.Relative), content));
        Assert.True(reply.Status == HttpStatusCode.OK, $"POST {Batch}: {reply}");
        return reply.Json();
    }

    /// <summary>A row of the batch: the row with its merchant, on one line.</summary>
    public static string Line(string merchantId, JsonObject row)
    {
        var line = new JsonObject { ["merchantId"] = merchantId };
        foreach (var (name, value) in row)
        {
            line[name] = value?.DeepClone();
        }

        return line.ToJsonString();
    }

    /// <summary>
    /// What the rulebook says for the months from <paramref name="from"/> through <paramref name="through"/> when the
    /// merchant's history is <paramref name="rows"/> (months without a row count as empty), evaluated in order from nothing.
    /// </summary>
    public static IReadOnlyList<MerchantMonthOutcome> Expected(string merchantId, IEnumerable<JsonObject> rows, YearMonth from, YearMonth through)
    {
        var totals = rows.ToDictionary(r => (YearMonth.Parse((string)r["month"]!), (string)r["network"]!), ToTotals);
        var months = new List<MerchantMonthTotals>();
        for (var month = from; month <= through; month = month.Next())
        {
            months.Add(new MerchantMonthTotals(
                month,
                totals.GetValueOrDefault((month, "visa")) ?? NetworkMonthTotals.Empty,
                totals.GetValueOrDefault((month, "mastercard")) ?? NetworkMonthTotals.Empty));
        }

        return new MerchantMonthEvaluator(ProgramRulebook.Standard()).CloseInOrder(new MerchantProfile(merchantId), months, null, MerchantProgramState.New);
    }

    private static NetworkMonthTotals ToTotals(JsonObject row)
    {
        Money Amount(string name) => new(Long(row[name]!["amount"]), (string)row[name]!["currency"]!);
        long Long(JsonNode? value) => long.Parse(value!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
        return new ReportedMonth
        {
            Month = YearMonth.Parse((string)row["month"]!),
            Network = (string)row["network"]! == "visa" ? CardNetwork.Visa : CardNetwork.Mastercard,
            SalesCount = Long(row["salesCount"]),
            SalesAmount = Amount("salesAmount"),
            CardNotPresentSalesCount = Long(row["cardNotPresentSalesCount"]),
            DisputeCount = Long(row["disputeCount"]),
            DisputeAmount = Amount("disputeAmount"),
            FraudDisputeCount = Long(row["fraudDisputeCount"]),
            FraudDisputeAmount = row["fraudDisputeAmount"] is null ? null : Amount("fraudDisputeAmount"),
            FraudReportCount = Long(row["fraudReportCount"]),
            FraudReportAmount = Amount("fraudReportAmount"),
        }.ToTotals(MerchantApi.ConfiguredRates);
    }
}
