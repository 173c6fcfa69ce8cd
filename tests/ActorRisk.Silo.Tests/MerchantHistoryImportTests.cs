using System.Text.Json.Nodes;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;
using ActorRisk.ReadModels.Audit;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// One silo on a clock that stands in February 2025, while Visa's VDMP and VFMP still ran (through March 2025), so a
/// year of history reaches their fines; each test has merchants of its own.
/// </summary>
public sealed class HistoryImportSilo : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2025, 2, 21, 9, 0, 0, TimeSpan.Zero);

    public ManualClock Clock { get; } = new(Start);

    public SiloFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new SiloFactory(new SiloSetup { Clock = Clock });
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// The history import through the API (issue 16): a merchant's months before its first live month, answered as the
/// merchant view and evaluated as the rulebook says; idempotent, refused whole on a conflict or a bad row, replacing
/// and evaluating the later months again on request; audited; and a portfolio's NDJSON batch with per-row errors.
/// </summary>
public sealed class MerchantHistoryImportTests(HistoryImportSilo silo) : IClassFixture<HistoryImportSilo>
{
    // The clock stands in 2025-02: months through 2025-01 close when a merchant imports.
    private static readonly YearMonth Running = YearMonth.Of(HistoryImportSilo.Start);
    private static readonly YearMonth LastClosed = Running.Previous();
    private static readonly YearMonth January = new(2024, 1);

    [Fact]
    public async Task AnImportAnswersTheMerchantAsReadAfterwardsWithEveryMonthAsTheRulebookSays()
    {
        using var backOffice = silo.Factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId("history");
        var rows = Year(January, visaDisputes: [60, 150, 160, 170, 130, 20, 10, 10, 150, 160, 170, 180]);

        var answer = await backOffice.ImportAsync(merchantId, HistoryApi.Body(rows, reason: "Migration from the legacy system"));

        var read = await backOffice.MerchantReplyAsync(merchantId);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(read.Body, answer.Body);

        var merchant = answer.As<MerchantReply>();
        Assert.Equal(LastClosed.ToString(), merchant.LastClosedMonth);
        var expected = HistoryApi.Expected(merchantId, rows, January, LastClosed);
        Assert.Equal(expected.Count, merchant.History.Count);
        foreach (var outcome in expected)
        {
            var month = merchant.HistoryOf(outcome.Month);
            Assert.Equal(outcome.Month < January.AddMonths(12), month.Imported);
            Assert.Equal(outcome.Programs.Select(p => p.Program.ToString()).Order(), month.Programs.Select(p => p.Program).Order());
            foreach (var program in outcome.Programs)
            {
                MerchantApi.AssertMatches(program, month.Program(program.Program), outcome.Month.ToString());
            }
        }

        foreach (var program in expected[^1].Programs)
        {
            MerchantApi.AssertMatches(program, merchant.Program(program.Program));
        }

        // The history is deep enough to have put the merchant in VDMP, so the months above show a timeline, not zeros.
        Assert.Contains(merchant.History, h => h.Imported && h.Program(MonitoringProgram.VDMP).MonthInProgram > 1);
        Assert.Equal(10_000, merchant.HistoryOf(January).Totals.Visa.SalesCount);
        Assert.Equal(MerchantApi.Usd(50 * 60), merchant.HistoryOf(January).Totals.Visa.DisputeAmount);
    }

    [Fact]
    public async Task TheSameImportAgainChangesNothingAndOtherTotalsAre409UnlessReplaced()
    {
        using var backOffice = silo.Factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId("history-again");
        var rows = Year(January, visaDisputes: [150, 150, 150, 150, 150, 150, 150, 150, 150, 150, 150, 150]);
        var first = await backOffice.ImportAsync(merchantId, HistoryApi.Body(rows));

        silo.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await backOffice.ImportAsync(merchantId, HistoryApi.Body(rows));
        Assert.Equal(WithoutProjection(first), WithoutProjection(again));

        // March's Visa disputes as another system counted them: refused whole, naming the month and network.
        var changed = rows.Select(r => (JsonObject)r.DeepClone()).ToList();
        var march = changed.FindIndex(r => (string)r["month"]! == "2024-03" && (string)r["network"]! == "visa");
        changed[march]["disputeCount"] = 10;
        changed[march]["disputeAmount"] = HistoryApi.Money(10 * 5_000, "USD");
        changed.Add(HistoryApi.Row(new YearMonth(2023, 12), CardNetwork.Visa, 10_000, 5));
        var conflict = await backOffice.ImportReplyAsync(merchantId, HistoryApi.Body(changed));

        var problem = SiloApi.AssertProblem(conflict, HttpStatusCode.Conflict);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("2024-03 on visa", detail, StringComparison.Ordinal);
        Assert.Equal([$"months[{march}].month"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(WithoutProjection(first), WithoutProjection(await backOffice.MerchantReplyAsync(merchantId)));

        // Replaced: the months after March are evaluated again from the new totals (and December 2024 is imported).
        var replaced = (await backOffice.ImportAsync(merchantId, HistoryApi.Body(changed, replace: true))).As<MerchantReply>();
        var expected = HistoryApi.Expected(merchantId, changed, new YearMonth(2023, 12), LastClosed);
        foreach (var outcome in expected.Where(o => o.Month >= new YearMonth(2024, 3)))
        {
            MerchantApi.AssertMatches(outcome.For(MonitoringProgram.VDMP)!, replaced.HistoryOf(outcome.Month).Program(MonitoringProgram.VDMP), outcome.Month.ToString());
        }

        Assert.Equal(10, replaced.HistoryOf(new YearMonth(2024, 3)).Totals.Visa.Disputes);
        Assert.True(replaced.HistoryOf(new YearMonth(2023, 12)).Imported);
    }

    [Fact]
    public async Task ReplacingTheMonthsThatEnteredAProgramMovesEveryLaterMonthInProgram()
    {
        using var backOffice = silo.Factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId("history-replace");
        var rows = Year(January, visaDisputes: [150, 150, 150, 150, 150, 150, 150, 150, 150, 150, 150, 150]);
        var before = (await backOffice.ImportAsync(merchantId, HistoryApi.Body(rows))).As<MerchantReply>();
        var june = new YearMonth(2024, 6);
        var monthInProgram = before.HistoryOf(june).Program(MonitoringProgram.VDMP).MonthInProgram;
        Assert.True(monthInProgram > 1, $"June 2024 is VDMP month {monthInProgram}");

        // January and February without disputes: the program starts two months later.
        var quieter = rows.Where(r => (string)r["network"]! == "visa" && (string)r["month"]! is "2024-01" or "2024-02")
            .Select(r => HistoryApi.Row(YearMonth.Parse((string)r["month"]!), CardNetwork.Visa, 10_000, 0))
            .ToList();
        var after = (await backOffice.ImportAsync(merchantId, HistoryApi.Body(quieter, replace: true))).As<MerchantReply>();

        Assert.Equal(monthInProgram - 2, after.HistoryOf(june).Program(MonitoringProgram.VDMP).MonthInProgram);
        var history = rows.Where(r => !quieter.Any(q => (string)q["month"]! == (string)r["month"]! && (string)r["network"]! == "visa")).Concat(quieter);
        foreach (var outcome in HistoryApi.Expected(merchantId, history, January, LastClosed))
        {
            MerchantApi.AssertMatches(outcome.For(MonitoringProgram.VDMP)!, after.HistoryOf(outcome.Month).Program(MonitoringProgram.VDMP), outcome.Month.ToString());
        }

        MerchantApi.AssertMatches(HistoryApi.Expected(merchantId, history, January, LastClosed)[^1].For(MonitoringProgram.VDMP)!, after.Program(MonitoringProgram.VDMP));
    }

    [Theory]
    [InlineData("network", "\"amex\"", "months[0].network", "Must be one of: visa, mastercard.")]
    [InlineData("salesCount", "-1", "months[0].salesCount", "Must be between 0")]
    [InlineData("disputeCount", "1.5", "months[0].disputeCount", "whole number")]
    [InlineData("month", "\"2025-03\"", "months[0].month", "Must not be in the future.")]
    [InlineData("month", "\"2024-13\"", "months[0].month", "Must be a month (2024-01).")]
    [InlineData("month", "\"2024/01\"", "months[0].month", "Must be a month (2024-01).")]
    [InlineData("month", "\"2019-12\"", "months[0].month", "Months before 2020-01")]
    [InlineData("salesAmount", """{"amount":100,"currency":"XXX"}""", "months[0].salesAmount.currency", "Not a supported ISO 4217 currency code")]
    [InlineData("salesAmount", """{"amount":100,"currency":"CHF"}""", "months[0].salesAmount.currency", "No USD rate is configured for CHF")]
    [InlineData("salesAmount", """{"amount":-100,"currency":"USD"}""", "months[0].salesAmount.amount", "Must be between 0")]
    [InlineData("salesAmount", "100", "months[0].salesAmount", "Must be an object.")]
    [InlineData("cardNotPresentSalesCount", "20000", "months[0].cardNotPresentSalesCount", "Must not exceed salesCount")]
    [InlineData("fraudDisputeCount", "3", "months[0].fraudDisputeAmount", "Required when fraudDisputeCount")]
    [InlineData("month", "\"2025-02\"", "months[0].month", "2025-02 is not before 2025-02")]
    public async Task ABadRowIsA400NamingItsFieldAndNothingIsImported(string field, string value, string error, string message)
    {
        using var backOffice = silo.Factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId("history-bad");
        var row = HistoryApi.Row(new YearMonth(2024, 4), CardNetwork.Visa, 10_000, 20);
        if (field == "fraudDisputeCount")
        {
            row.Remove("fraudDisputeAmount");
        }

        row[field] = JsonNode.Parse(value);

        var reply = await backOffice.ImportReplyAsync(merchantId, HistoryApi.Body([row, HistoryApi.Row(new YearMonth(2024, 3), CardNetwork.Visa, 10_000, 20)]));

        var problem = SiloApi.AssertProblem(reply, HttpStatusCode.BadRequest, error);
        Assert.Contains(problem.GetProperty("errors").GetProperty(error).EnumerateArray(), m => m.GetString()!.Contains(message, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await backOffice.MerchantReplyAsync(merchantId)).Status);
    }

    [Fact]
    public async Task EveryBadFieldOfEveryRowIsNamedInOneAnswer()
    {
        using var backOffice = silo.Factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId("history-bad");
        var rows = Year(January, visaDisputes: [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10]).Take(5).ToList();
        rows[0].Remove("month");
        rows[3]["salesAmount"] = HistoryApi.Money(100, "ZZZ");
        rows[4]["network"] = "visa,mastercard";
        var body = HistoryApi.Body(rows);
        ((JsonArray)body["months"]!).Add(JsonValue.Create(7));

        var problem = SiloApi.AssertProblem(await backOffice.ImportReplyAsync(merchantId, body), HttpStatusCode.BadRequest);

        Assert.Equal(
            ["months[0].month", "months[3].salesAmount.currency", "months[4].network", "months[5]"],
            problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheRequestItselfIsChecked()
    {
        using var backOffice = silo.Factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId("history-shape");
        var row = HistoryApi.Row(January, CardNetwork.Visa, 10_000, 10);

        SiloApi.AssertProblem(await backOffice.ImportReplyAsync(merchantId, new JsonObject()), HttpStatusCode.BadRequest, "months");
        SiloApi.AssertProblem(await backOffice.ImportReplyAsync(merchantId, HistoryApi.Body([])), HttpStatusCode.BadRequest, "months");
        SiloApi.AssertProblem(await backOffice.ImportReplyAsync(merchantId, HistoryApi.Body(Enumerable.Repeat(row, 241))), HttpStatusCode.BadRequest, "months");
        SiloApi.AssertProblem(await backOffice.ImportReplyAsync(merchantId, HistoryApi.Body([row], reason: new string('r', 501))), HttpStatusCode.BadRequest, "reason");
        SiloApi.AssertProblem(await backOffice.ImportReplyAsync("bad id", HistoryApi.Body([row])), HttpStatusCode.BadRequest, "merchantId");
        var twice = SiloApi.AssertProblem(await backOffice.ImportReplyAsync(merchantId, HistoryApi.Body([row, row])), HttpStatusCode.BadRequest, "months[1].month");
        Assert.Contains("twice", twice.GetProperty("errors").GetProperty("months[1].month")[0].GetString(), StringComparison.Ordinal);
        SiloApi.AssertProblem(await backOffice.PostReplyAsync(HistoryApi.Path(merchantId), SiloApi.Json(HistoryApi.Body([row]).ToJsonString(), "text/plain")), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await backOffice.MerchantReplyAsync(merchantId)).Status);
    }

    [Fact]
    public async Task EveryMonthTheRulebookCoversFitsInOneRequestWithEveryFieldIndented()
    {
        using var backOffice = silo.Factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId("history-full");
        var rows = new List<JsonObject>();
        for (var month = ActorRisk.Grains.Merchants.MerchantSettings.RulebookStart; month < Running; month = month.Next())
        {
            foreach (var network in new[] { CardNetwork.Visa, CardNetwork.Mastercard })
            {
                var row = HistoryApi.Row(month, network, 123_456_789, 1_234_567, fraudDisputes: 12_345);
                row["cardNotPresentSalesAmount"] = HistoryApi.Money(123_456_789L * 5_000, "USD");
                row["threeDsAuthenticatedCount"] = 12_345_678;
                row["countableDisputeCount"] = 1_234_560;
                row["rdrResolvedDisputeCount"] = 1_234;
                row["compellingEvidenceFraudReportCount"] = 0;
                row["authorizationCount"] = 234_567_890;
                row["enumeratedAuthorizationCount"] = 2_345_678;
                rows.Add(row);
            }
        }

        var body = HistoryApi.Body(rows, reason: "Every month since the rulebook starts").ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Assert.True(body.Length > 64 * 1024, $"{body.Length} bytes");

        var reply = await backOffice.PostReplyAsync(HistoryApi.Path(merchantId), SiloApi.Json(body));

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.All(reply.As<MerchantReply>().History, h => Assert.True(h.Imported, h.Month));
    }

    [Fact]
    public async Task OnlyTheBackOfficeAndAdminImportAndEachImportIsAudited()
    {
        var merchantId = MerchantApi.NewMerchantId("history-roles");
        var body = HistoryApi.Body([HistoryApi.Row(January, CardNetwork.Visa, 10_000, 10), HistoryApi.Row(new YearMonth(2024, 4), CardNetwork.Mastercard, 8_000, 10)], reason: "Legacy import INC-42");
        foreach (var key in new[] { TestKeys.Gateway, TestKeys.Analyst, TestKeys.Operator })
        {
            using var client = silo.Factory.Client(key);
            SiloApi.AssertProblem(await client.ImportReplyAsync(merchantId, body), HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostReplyAsync(HistoryApi.Batch, SiloApi.Json(HistoryApi.Line(merchantId, HistoryApi.Row(January, CardNetwork.Visa, 1, 0)), "application/x-ndjson"))).Status);
        }

        using var backOffice = silo.Factory.Client(TestKeys.BackOffice);
        await backOffice.ImportAsync(merchantId, body);
        silo.Clock.Advance(TimeSpan.FromMinutes(1));
        using var admin = silo.Factory.Client(TestKeys.AdminOnly);
        await admin.ImportAsync(merchantId, HistoryApi.Body([HistoryApi.Row(new YearMonth(2024, 2), CardNetwork.Visa, 10_000, 10)]));

        var audit = await silo.Factory.Service<IAuditLog>().QueryAsync(new AuditQuery(Action: "merchant.history.import", Target: merchantId));
        Assert.Equal([TestKeys.AdminOnlyName, TestKeys.BackOfficeName], audit.Select(e => e.Actor));
        Assert.Equal(["History import", "Legacy import INC-42"], audit.Select(e => e.Reason));
        using var details = JsonDocument.Parse(audit[1].DetailsJson!);
        Assert.Equal((2, "2024-01", "2024-04", false), (details.RootElement.GetProperty("rows").GetInt32(), details.RootElement.GetProperty("from").GetString(), details.RootElement.GetProperty("to").GetString(), details.RootElement.GetProperty("replace").GetBoolean()));
    }

    [Fact]
    public async Task ABatchKeepsTheGoodRowsReportsEachBadLineAndCountsNothingTwice()
    {
        using var backOffice = silo.Factory.Client(TestKeys.BackOffice);
        var (a, b, c) = (MerchantApi.NewMerchantId("batch-a"), MerchantApi.NewMerchantId("batch-b"), MerchantApi.NewMerchantId("batch-c"));
        var negative = HistoryApi.Row(new YearMonth(2024, 2), CardNetwork.Visa, 10_000, 10);
        negative["salesCount"] = -1;
        var noMerchant = JsonNode.Parse(HistoryApi.Line(b, HistoryApi.Row(new YearMonth(2024, 4), CardNetwork.Visa, 10_000, 10)))!.AsObject();
        noMerchant.Remove("merchantId");
        string[] lines =
        [
            HistoryApi.Line(a, HistoryApi.Row(January, CardNetwork.Visa, 10_000, 120)),
            HistoryApi.Line(a, HistoryApi.Row(January, CardNetwork.Mastercard, 8_000, 90)),
            "   ",
            "{\"merchantId\":",
            HistoryApi.Line(b, negative),
            HistoryApi.Line(b, HistoryApi.Row(new YearMonth(2024, 3), CardNetwork.Visa, 10_000, 10)),
            HistoryApi.Line(c, HistoryApi.Row(Running, CardNetwork.Visa, 10_000, 10)),
            HistoryApi.Line(c, HistoryApi.Row(new YearMonth(2024, 5), CardNetwork.Visa, 10_000, 10)),
            HistoryApi.Line(a, HistoryApi.Row(January, CardNetwork.Visa, 10_000, 121)),
            noMerchant.ToJsonString(),
        ];

        var first = await backOffice.ImportBatchAsync(lines);

        Assert.Equal((10, 4, 0, 0, 5), Counts(first));
        var errors = first.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("line").GetInt32());
        Assert.Equal([4, 5, 7, 9, 10], errors.Keys.Order());
        AssertRowError(errors[4], null, 400, "$");
        AssertRowError(errors[5], b, 400, "salesCount");
        AssertRowError(errors[7], c, 400, "month");
        AssertRowError(errors[9], a, 400, "month");
        AssertRowError(errors[10], null, 400, "merchantId");
        Assert.False(first.GetProperty("errorsTruncated").GetBoolean());

        var merchantA = await backOffice.MerchantAsync(a);
        Assert.Equal((120L, 90L, true), (merchantA.HistoryOf(January).Totals.Visa.Disputes, merchantA.HistoryOf(January).Totals.Mastercard.Disputes, merchantA.HistoryOf(January).Imported));
        Assert.True((await backOffice.MerchantAsync(b)).HistoryOf(new YearMonth(2024, 3)).Imported);
        Assert.True((await backOffice.MerchantAsync(c)).HistoryOf(new YearMonth(2024, 5)).Imported);
        var audit = silo.Factory.Service<IAuditLog>();
        foreach (var merchant in new[] { a, b, c })
        {
            var entry = Assert.Single(await audit.QueryAsync(new AuditQuery(Action: "merchant.history.import", Target: merchant)));
            Assert.Equal(TestKeys.BackOfficeName, entry.Actor);
        }

        var before = (await backOffice.MerchantReplyAsync(a)).Body;
        var again = await backOffice.ImportBatchAsync(lines);
        Assert.Equal((10, 0, 0, 4, 5), Counts(again));
        Assert.Equal(before, (await backOffice.MerchantReplyAsync(a)).Body);
        Assert.Single(await audit.QueryAsync(new AuditQuery(Action: "merchant.history.import", Target: a)));

        // Other totals for a month imported before: 409 on its line, then replaced with ?replace=true.
        string[] other = [HistoryApi.Line(a, HistoryApi.Row(January, CardNetwork.Visa, 10_000, 30)), HistoryApi.Line(b, HistoryApi.Row(new YearMonth(2024, 3), CardNetwork.Visa, 10_000, 10))];
        var conflict = await backOffice.ImportBatchAsync(other);
        Assert.Equal((2, 0, 0, 1, 1), Counts(conflict));
        AssertRowError(conflict.GetProperty("errors")[0], a, 409, "month");
        var replaced = await backOffice.ImportBatchAsync(other, replace: true);
        Assert.Equal((2, 0, 1, 1, 0), Counts(replaced));
        Assert.Equal(30, (await backOffice.MerchantAsync(a)).HistoryOf(January).Totals.Visa.Disputes);
        Assert.Equal(2, (await audit.QueryAsync(new AuditQuery(Action: "merchant.history.import", Target: a))).Count);
    }

    [Fact]
    public async Task ABatchNeedsNdjsonAndAReplaceFlagThatIsABoolean()
    {
        using var backOffice = silo.Factory.Client(TestKeys.BackOffice);
        var line = HistoryApi.Line(MerchantApi.NewMerchantId("batch"), HistoryApi.Row(January, CardNetwork.Visa, 10_000, 10));

        SiloApi.AssertProblem(await backOffice.PostReplyAsync(HistoryApi.Batch, SiloApi.Json(line)), HttpStatusCode.UnsupportedMediaType);
        SiloApi.AssertProblem(await backOffice.PostReplyAsync($"{HistoryApi.Batch}?replace=yes", SiloApi.Json(line, "application/x-ndjson")), HttpStatusCode.BadRequest, "replace");
    }

    /// <summary>12 months from <paramref name="from"/> of 10,000 Visa sales with the given disputes, and 8,000 Mastercard sales with 40 chargebacks.</summary>
    private static List<JsonObject> Year(YearMonth from, int[] visaDisputes) =>
    [
        .. visaDisputes.SelectMany((disputes, i) => new[]
        {
            HistoryApi.Row(from.AddMonths(i), CardNetwork.Visa, 10_000, disputes),
            HistoryApi.Row(from.AddMonths(i), CardNetwork.Mastercard, 8_000, 40),
        }),
    ];

    // The merchant as stored: the projection of the running month moves with the clock.
    private static string WithoutProjection(Reply merchant)
    {
        var node = JsonNode.Parse(merchant.Body)!.AsObject();
        node.Remove("projection");
        return node.ToJsonString();
    }

    private static (int Lines, int Imported, int Replaced, int Unchanged, int Rejected) Counts(JsonElement report) => (
        report.GetProperty("lines").GetInt32(),
        report.GetProperty("imported").GetInt32(),
        report.GetProperty("replaced").GetInt32(),
        report.GetProperty("unchanged").GetInt32(),
        report.GetProperty("rejected").GetInt32());

    private static void AssertRowError(JsonElement error, string? id, int status, string field)
    {
        Assert.Equal(id, error.GetProperty("id").GetString());
        Assert.Equal(status, error.GetProperty("status").GetInt32());
        Assert.True(error.GetProperty("errors").TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0, $"expected an error on {field}: {error}");
    }
}

/// <summary>A merchant with live records: only the months before its first live month can be imported, and the live months after them are evaluated again.</summary>
public sealed class MerchantHistoryImportLiveTests
{
    private static readonly YearMonth September = new(2024, 9);

    [Fact]
    public async Task MonthsFromTheFirstLiveMonthOnAreRefusedNamingItAndEarlierOnesAreEvaluatedBeforeIt()
    {
        var clock = new ManualClock(September.Start.AddDays(9));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var backOffice = silo.Client(TestKeys.BackOffice);
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("history-live");
        await backOffice.RecordAsync(MerchantApi.Sales, MerchantApi.SalesBatch(MerchantApi.NewId("batch"), merchantId, CardNetwork.Visa, 10_000, 10_000 * 5_000, "USD", cardPresent: false, MerchantApi.Day(September, 5)));
        clock.MoveTo(September.End.AddHours(12));
        await admin.CloseMonthAsync(September);

        foreach (var month in new[] { September, September.Next() })
        {
            var refused = SiloApi.AssertProblem(
                await backOffice.ImportReplyAsync(merchantId, HistoryApi.Body([HistoryApi.Row(month, CardNetwork.Visa, 10_000, 150)])),
                HttpStatusCode.BadRequest,
                "months[0].month");
            Assert.Contains($"{month} is not before {September}", refused.GetProperty("errors").GetProperty("months[0].month")[0].GetString(), StringComparison.Ordinal);
        }

        var august = September.Previous();
        var rows = new[] { HistoryApi.Row(august.Previous(), CardNetwork.Visa, 10_000, 150), HistoryApi.Row(august, CardNetwork.Visa, 10_000, 150) };
        var merchant = (await backOffice.ImportAsync(merchantId, HistoryApi.Body(rows))).As<MerchantReply>();

        Assert.Equal([September.ToString(), august.ToString(), august.Previous().ToString()], merchant.History.Select(h => h.Month));
        Assert.Equal([false, true, true], merchant.History.Select(h => h.Imported));
        Assert.Equal(10_000, merchant.HistoryOf(September).Totals.Visa.SalesCount);

        // September, live, continues the imported timeline: two months over VDMP's thresholds, then a quiet one.
        var expected = HistoryApi.Expected(merchantId, [.. rows, HistoryApi.Row(September, CardNetwork.Visa, 10_000, 0)], august.Previous(), September);
        foreach (var outcome in expected)
        {
            MerchantApi.AssertMatches(outcome.For(MonitoringProgram.VDMP)!, merchant.HistoryOf(outcome.Month).Program(MonitoringProgram.VDMP), outcome.Month.ToString());
        }
    }
}
