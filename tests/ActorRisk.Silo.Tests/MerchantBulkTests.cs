using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorRisk.Silo.Tests;

/// <summary>Nightly files: 100k NDJSON rows, some invalid; valid rows are kept, every bad row is reported by line, a resend counts nothing twice.</summary>
public sealed class MerchantBulkTests
{
    private const int Rows = 100_000;
    private const int Merchants = 500;

    [Fact]
    public async Task HundredThousandRowsWithSomeInvalidKeepEveryValidRowOnceAndReportEachBadLine()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var admin = silo.Client(TestKeys.Admin);
        var run = Guid.NewGuid().ToString("N")[..8];
        var (file, badLines, disputesPerMerchant) = DisputeFile(run);

        var first = await ImportAsync(admin, "/v1/disputes:batch", file);

        Assert.Equal(Rows, first.GetProperty("lines").GetInt32());
        Assert.Equal(Rows - badLines.Count, first.GetProperty("accepted").GetInt32());
        Assert.Equal(0, first.GetProperty("replayed").GetInt32());
        Assert.Equal(badLines.Count, first.GetProperty("rejected").GetInt32());
        var errors = first.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(badLines.Keys.Order(), errors.Select(e => e.GetProperty("line").GetInt32()));
        foreach (var error in errors)
        {
            var field = badLines[error.GetProperty("line").GetInt32()];
            Assert.Equal(400, error.GetProperty("status").GetInt32());
            Assert.True(error.GetProperty("errors").TryGetProperty(field, out _), $"line {error.GetProperty("line")}: expected an error on {field}: {error}");
        }

        foreach (var merchant in new[] { 0, 1, Merchants / 2, Merchants - 1 })
        {
            var view = (await admin.GetReplyAsync($"/v1/merchants/{MerchantId(run, merchant)}")).Json();
            var totals = view.GetProperty("totals");
            Assert.Equal(disputesPerMerchant[merchant], totals.GetProperty("visa").GetProperty("disputes").GetInt64() + totals.GetProperty("mastercard").GetProperty("disputes").GetInt64());
        }

        var again = await ImportAsync(admin, "/v1/disputes:batch", file);
        Assert.Equal(Rows - badLines.Count, again.GetProperty("replayed").GetInt32());
        var unchanged = (await admin.GetReplyAsync($"/v1/merchants/{MerchantId(run, 0)}")).Json().GetProperty("totals");
        Assert.Equal(disputesPerMerchant[0], unchanged.GetProperty("visa").GetProperty("disputes").GetInt64() + unchanged.GetProperty("mastercard").GetProperty("disputes").GetInt64());
    }

    [Fact]
    public async Task ABulkUploadNeedsNdjsonAndTheIngestRole()
    {
        await using var silo = new SiloFactory();
        var row = """{"batchId":"b-1","merchantId":"m-1","network":"visa","count":1,"amount":100,"currency":"USD","cardPresent":true,"date":"2026-11-02"}""";

        using var admin = silo.Client(TestKeys.Admin);
        SiloApi.AssertProblem(await admin.PostReplyAsync("/v1/sales:batch", SiloApi.Json(row)), HttpStatusCode.UnsupportedMediaType);

        using var gateway = silo.Client(TestKeys.Gateway);
        var forbidden = await gateway.PostAsync("/v1/sales:batch", Ndjson(row));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        SiloApi.AssertProblem(await admin.GetReplyAsync("/v1/merchants/m-1"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnOverlongRowIsRejectedAloneAndTheRowsAroundItAreKept()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var admin = silo.Client(TestKeys.Admin);
        var merchant = $"m-{Guid.NewGuid():N}";
        string Row(string id, string padding = "") =>
            $$"""{"reportId":"{{id}}","merchantId":"{{merchant}}","network":"visa","amount":500,"currency":"USD","date":"2026-11-03"{{padding}}}""";

        var file = string.Join('\n', Row("r-1"), Row("r-2", $",\"note\":\"{new string('x', 40 * 1024)}\""), Row("r-3"));
        var report = await ImportAsync(admin, "/v1/fraud-reports:batch", file);

        Assert.Equal(2, report.GetProperty("accepted").GetInt32());
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Equal(413, error.GetProperty("status").GetInt32());
        var view = (await admin.GetReplyAsync($"/v1/merchants/{merchant}")).Json();
        Assert.Equal(2, view.GetProperty("totals").GetProperty("visa").GetProperty("fraudReports").GetInt64());
    }

    [Fact]
    public async Task RowsWithUndecodableOrRepeatedFieldsAreRejectedAloneAndResendingTheFileCountsOnce()
    {
        // Issue 13: one row with invalid UTF-8 made the whole file a 500, forever; rows after it were never recorded.
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var admin = silo.Client(TestKeys.Admin);
        var merchant = $"m-{Guid.NewGuid():N}";
        string Row(string id, string extra = "", string reasonCode = "13.1") =>
            $$"""{"disputeId":"{{id}}","merchantId":"{{merchant}}","network":"visa","amount":500,"currency":"USD","reasonCode":"{{reasonCode}}","fraud":false,"date":"2026-11-03"{{extra}}}""" + "\n";

        // '~' stands for a byte that is never UTF-8 (0xFF).
        var rows = Row("d-1") + Row("d-2", reasonCode: "13~1") + Row("d-3", ",\"amount\":900000") + Row("d-4", ",\"disputeId\":\"\\ud800\"") + Row("d-5");
        byte[] file = [.. Encoding.UTF8.GetBytes(rows).Select(b => b == (byte)'~' ? (byte)0xFF : b)];

        JsonElement report = default;
        for (var send = 0; send < 2; send++)
        {
            using var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            var response = await admin.PostAsync("/v1/disputes:batch", content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            report = JsonDocument.Parse(body).RootElement.Clone();
        }

        var errors = report.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("line").GetInt32());
        Assert.True(errors.Keys.Order().SequenceEqual([2, 3, 4]), report.ToString());
        Assert.True(errors[2].GetProperty("errors").TryGetProperty("reasonCode", out _), errors[2].ToString());
        Assert.True(errors[3].GetProperty("errors").TryGetProperty("amount", out _), errors[3].ToString());
        Assert.True(errors[4].GetProperty("errors").TryGetProperty("disputeId", out _), errors[4].ToString());
        var view = (await admin.GetReplyAsync($"/v1/merchants/{merchant}")).Json();
        Assert.Equal(2, view.GetProperty("totals").GetProperty("visa").GetProperty("disputes").GetInt64());
    }

    private static string MerchantId(string run, int index) => $"bulk-{run}-{index:D4}";

    // Every 997th row is broken in one of several ways; the rest are disputes dated this month at 500 merchants.
    private static (string File, Dictionary<int, string> BadLines, long[] DisputesPerMerchant) DisputeFile(string run)
    {
        var random = new Random(20261121);
        var text = new StringBuilder(Rows * 190);
        var bad = new Dictionary<int, string>();
        var perMerchant = new long[Merchants];
        for (var line = 1; line <= Rows; line++)
        {
            var merchant = random.Next(Merchants);
            var row = new JsonObject
            {
                ["disputeId"] = $"bulk-{run}-{line}",
                ["merchantId"] = MerchantId(run, merchant),
                ["network"] = line % 3 == 0 ? "mastercard" : "visa",
                ["amount"] = random.Next(100, 90_000),
                ["currency"] = line % 2 == 0 ? "JPY" : "USD",
                ["reasonCode"] = "13.1",
                ["fraud"] = line % 5 == 0,
                ["date"] = $"2026-11-{1 + (line % 20):D2}",
            };
            if (line % 997 == 0)
            {
                var field = (line / 997 % 5) switch
                {
                    0 => Break(row, "amount", -5),
                    1 => Break(row, "currency", "XXX"),
                    2 => Break(row, "network", "amex"),
                    3 => Break(row, "date", "2031-01-01"),
                    _ => Break(row, "fraud", "yes"),
                };
                bad[line] = field;
            }
            else
            {
                perMerchant[merchant]++;
            }

            text.Append(row.ToJsonString()).Append('\n');
        }

        return (text.ToString(), bad, perMerchant);
    }

    private static string Break(JsonObject row, string field, JsonNode value)
    {
        row[field] = value;
        return field;
    }

    private static StringContent Ndjson(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return content;
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, string path, string file)
    {
        var response = await client.PostAsync(path, Ndjson(file));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
