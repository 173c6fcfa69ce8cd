using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;

namespace ActorRisk.Silo.Tests;

/// <summary>One silo for the table of bad merchant records, at a fixed instant, recording every storage write.</summary>
public sealed class MerchantIngestionSilo : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2024, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public RecordingGrainStorage Storage { get; } = new();

    public SiloFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new SiloFactory(new SiloSetup { Storage = Storage, Clock = new ManualClock(Now) });
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// Settlement batches, disputes and fraud reports from the back office: each id counted once however often it
/// arrives, a reused id with other content refused, bad records refused precisely and never stored, roles enforced,
/// Visa's per-card dispute limit applied, amounts converted to USD at the configured rates.
/// </summary>
public sealed class MerchantIngestionTests(MerchantIngestionSilo silo) : IClassFixture<MerchantIngestionSilo>
{
    private static readonly YearMonth June = YearMonth.Of(MerchantIngestionSilo.Now);
    private static readonly string Today = MerchantApi.Day(June, 15);
    private static readonly string ValidPan = Pans.NewValid();

    private static readonly Dictionary<string, BadRecord> Cases = BuildCases();

    public static TheoryData<string> Storages => ["memory", "postgres"];

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    public static TheoryData<string> Paths => [MerchantApi.Sales, MerchantApi.Disputes, MerchantApi.FraudReports];

    [Fact]
    public async Task ARetriedRecordGetsTheFirstAnswerAndIsCountedOnce()
    {
        var clock = new ManualClock(MerchantIngestionSilo.Now);
        await using var factory = new SiloFactory(new SiloSetup { Clock = clock });
        using var client = factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId();

        // Each kind has its own id space: one id names a batch, a dispute and a fraud report.
        var id = MerchantApi.NewId("rec");
        var sales = MerchantApi.SalesBatch(id, merchantId, CardNetwork.Visa, 250, 2_500_000, "USD", cardPresent: true, Today);
        var dispute = MerchantApi.Dispute(id, merchantId, CardNetwork.Visa, 4_200, "USD", Today, fraud: true, cardToken: Auth.NewToken());
        var report = MerchantApi.FraudReport(id, merchantId, CardNetwork.Visa, 4_200, "USD", Today);

        var firsts = new List<IngestionReply>();
        foreach (var (path, body) in new[] { (MerchantApi.Sales, sales), (MerchantApi.Disputes, dispute), (MerchantApi.FraudReports, report) })
        {
            var first = await client.RecordAsync(path, body);
            Assert.False(first.Replayed);
            Assert.Equal(clock.Now, first.RecordedAt);
            firsts.Add(first);
        }

        Assert.Equal(["sales-batch", "dispute", "fraud-report"], firsts.Select(f => f.Kind));

        clock.Advance(TimeSpan.FromMinutes(30));
        var retries = new List<IngestionReply>();
        foreach (var (path, body) in new[] { (MerchantApi.Sales, sales), (MerchantApi.Disputes, dispute), (MerchantApi.FraudReports, report) })
        {
            retries.Add(await client.RecordAsync(path, body));
            retries.Add(await client.RecordAsync(path, body));
        }

        Assert.All(retries, r => Assert.True(r.Replayed));
        Assert.Equal(firsts.SelectMany(f => new[] { f with { Replayed = true }, f with { Replayed = true } }), retries);

        var visa = (await client.MerchantAsync(merchantId)).Totals.Visa;
        Assert.Equal((250L, 1L, 1L, 1L, 1L), (visa.SalesCount, visa.Disputes, visa.CountableDisputes, visa.FraudDisputes, visa.FraudReports));
        Assert.Equal(new MoneyReply(2_500_000, "USD"), visa.SalesAmount);
        Assert.Equal(new MoneyReply(4_200, "USD"), visa.DisputeAmount);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task FiftyParallelPostsOfOneDisputeAreCountedOnce(string storage)
    {
        var connectionString = storage == "postgres" ? await SiloSetup.NewDatabaseAsync("merchant-dup") : null;
        await using var factory = new SiloFactory(new SiloSetup { Clock = new ManualClock(MerchantIngestionSilo.Now), ConnectionString = connectionString });
        using var client = factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId();
        var disputeId = MerchantApi.NewId("dsp");
        var body = MerchantApi.Dispute(disputeId, merchantId, CardNetwork.Mastercard, 9_900, "USD", Today, cardToken: Auth.NewToken()).ToJsonString();

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.PostReplyAsync(MerchantApi.Disputes, SiloApi.Json(body))));

        Assert.All(replies, r => Assert.True(r.Status == HttpStatusCode.OK, r.ToString()));
        var answers = replies.Select(r => r.As<IngestionReply>()).ToList();
        var first = Assert.Single(answers, a => !a.Replayed);
        Assert.Equal(49, answers.Count(a => a.Replayed));
        Assert.All(answers, a => Assert.Equal(first with { Replayed = a.Replayed }, a));
        Assert.Equal(("dispute", disputeId, merchantId, June.ToString(), false), (first.Kind, first.Id, first.MerchantId, first.Month, first.Late));

        var mastercard = (await client.MerchantAsync(merchantId)).Totals.Mastercard;
        Assert.Equal((1L, 1L), (mastercard.Disputes, mastercard.CountableDisputes));
        Assert.Equal(new MoneyReply(9_900, "USD"), mastercard.DisputeAmount);
    }

    [Theory]
    [InlineData("amount", 9_901)]
    [InlineData("currency", "EUR")]
    [InlineData("date", "2024-06-14")]
    [InlineData("network", "visa")]
    [InlineData("fraud", true)]
    [InlineData("reasonCode", "4837")]
    [InlineData("resolvedByRdr", true)]
    [InlineData("cardToken", "tok_another_card_0001")]
    public async Task SameDisputeIdWithAnyOtherFieldIsAConflictAndChangesNothing(string field, object value)
    {
        using var client = silo.Factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId();
        var disputeId = MerchantApi.NewId("dsp");
        var original = MerchantApi.Dispute(disputeId, merchantId, CardNetwork.Mastercard, 9_900, "USD", Today, cardToken: "tok_first_card_0001");
        var first = await client.RecordAsync(MerchantApi.Disputes, original);
        var before = (await client.MerchantReplyAsync(merchantId)).Body;

        var changed = original.DeepClone().AsObject();
        changed[field] = JsonValue.Create(value);
        var conflict = SiloApi.AssertProblem(await client.PostReplyAsync(MerchantApi.Disputes, changed), HttpStatusCode.Conflict);
        Assert.Contains(disputeId, conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(before, (await client.MerchantReplyAsync(merchantId)).Body);
        Assert.Equal(first with { Replayed = true }, await client.RecordAsync(MerchantApi.Disputes, original));
        Assert.Equal(1, (await client.MerchantAsync(merchantId)).Totals.Mastercard.Disputes);
    }

    [Fact]
    public async Task SameIdsWithOtherContentAreConflictsForEveryKindAndForAnotherMerchant()
    {
        using var client = silo.Factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId();
        var otherMerchant = MerchantApi.NewMerchantId();
        var sales = MerchantApi.SalesBatch(MerchantApi.NewId("batch"), merchantId, CardNetwork.Visa, 100, 1_000_000, "USD", cardPresent: false, Today);
        var dispute = MerchantApi.Dispute(MerchantApi.NewId("dsp"), merchantId, CardNetwork.Visa, 5_000, "USD", Today);
        var report = MerchantApi.FraudReport(MerchantApi.NewId("tc40"), merchantId, CardNetwork.Visa, 5_000, "USD", Today);
        await client.RecordAsync(MerchantApi.Sales, sales);
        await client.RecordAsync(MerchantApi.Disputes, dispute);
        await client.RecordAsync(MerchantApi.FraudReports, report);
        var before = (await client.MerchantReplyAsync(merchantId)).Body;

        JsonObject With(JsonObject body, string field, JsonNode value)
        {
            var copy = body.DeepClone().AsObject();
            copy[field] = value;
            return copy;
        }

        var conflicts = new (string Path, JsonObject Body)[]
        {
            (MerchantApi.Sales, With(sales, "amount", 1_000_001)),
            (MerchantApi.Sales, With(sales, "count", 101)),
            (MerchantApi.Sales, With(sales, "cardPresent", true)),
            (MerchantApi.Sales, With(sales, "threeDsAuthenticated", 50)),
            (MerchantApi.Sales, With(sales, "merchantId", otherMerchant)),
            (MerchantApi.Disputes, With(dispute, "merchantId", otherMerchant)),
            (MerchantApi.FraudReports, With(report, "amount", 5_001)),
            (MerchantApi.FraudReports, With(report, "network", "mastercard")),
            (MerchantApi.FraudReports, With(report, "compellingEvidence", true)),
            (MerchantApi.FraudReports, With(report, "merchantId", otherMerchant)),
        };
        foreach (var (path, body) in conflicts)
        {
            SiloApi.AssertProblem(await client.PostReplyAsync(path, body), HttpStatusCode.Conflict);
        }

        Assert.Equal(before, (await client.MerchantReplyAsync(merchantId)).Body);
        SiloApi.AssertProblem(await client.MerchantReplyAsync(otherMerchant), HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task BadRecordIsRefusedNamingTheFieldAndStoresNothing(string name)
    {
        var bad = Cases[name];
        var merchantId = $"bad-{name}";
        var writesBefore = silo.Storage.WriteCount;
        using var client = silo.Factory.Client(bad.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bad.Path, UriKind.Relative)) { Content = bad.Content(merchantId) };

        var reply = await SiloApi.ReadAsync(await client.SendAsync(request));

        SiloApi.AssertProblem(reply, bad.Status, bad.Fields);
        Assert.DoesNotContain(ValidPan, reply.Body, StringComparison.Ordinal);
        Assert.Equal(writesBefore, silo.Storage.WriteCount);
        using var reader = silo.Factory.Client();
        SiloApi.AssertProblem(await reader.MerchantReplyAsync(merchantId), HttpStatusCode.NotFound);
        Assert.Equal(writesBefore, silo.Storage.WriteCount);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task TheSameRecordDoneRightIsStored(string path)
    {
        var merchantId = MerchantApi.NewMerchantId("control");
        var writesBefore = silo.Storage.WriteCount;
        using var client = silo.Factory.Client(TestKeys.BackOffice);

        var receipt = await client.RecordAsync(path, Valid(path, merchantId));

        Assert.Equal((merchantId, June.ToString(), false, false), (receipt.MerchantId, receipt.Month, receipt.Late, receipt.Replayed));
        Assert.True(silo.Storage.WriteCount > writesBefore);
        Assert.Equal(merchantId, (await client.MerchantAsync(merchantId)).MerchantId);
    }

    [Fact]
    public async Task BoundariesAndEveryOptionalFieldAreAccepted()
    {
        using var client = silo.Factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId("edges");

        // Up to a day ahead is allowed (time zones); the month is the UTC month of the date or instant.
        var accepted = new (string Path, Action<JsonObject> Edit, string Month)[]
        {
            (MerchantApi.Sales, b => b["date"] = "2024-06-16", "2024-06"),
            (MerchantApi.Sales, b => b["date"] = "2024-06-16T12:00:00Z", "2024-06"),
            (MerchantApi.Sales, b => b["date"] = "2024-06-01T00:30:00+01:00", "2024-05"),
            (MerchantApi.Disputes, b => b["date"] = "2019-12-31T23:30:00-01:00", "2020-01"),
            (MerchantApi.Disputes, b => b["date"] = "2020-01-01", "2020-01"),
            (MerchantApi.Sales, b => b["amount"] = 0, "2024-06"),
            (MerchantApi.Sales, b => (b["cardPresent"], b["threeDsAuthenticated"]) = (false, 10), "2024-06"),
            (MerchantApi.Sales, b => b["network"] = "Mastercard", "2024-06"),
            (MerchantApi.Disputes, b => (b["pan"], b["resolvedByRdr"]) = (ValidPan, true), "2024-06"),
            (MerchantApi.Disputes, b => b["cardToken"] = Auth.NewToken(), "2024-06"),
            (MerchantApi.FraudReports, b => b["compellingEvidence"] = true, "2024-06"),
            (MerchantApi.FraudReports, b => b["unknownExtraField"] = "ignored", "2024-06"),
        };
        foreach (var (path, edit, month) in accepted)
        {
            var body = Valid(path, merchantId);
            edit(body);
            var reply = await client.PostReplyAsync(path, body);
            Assert.True(reply.Status == HttpStatusCode.OK, $"{body.ToJsonString()}: {reply}");
            Assert.Equal(month, reply.As<IngestionReply>().Month);
        }

        // The same wall-clock time east of UTC is still 2019-12 in UTC: refused.
        var early = Valid(MerchantApi.Disputes, merchantId);
        early["date"] = "2020-01-01T00:30:00+09:00";
        SiloApi.AssertProblem(await client.PostReplyAsync(MerchantApi.Disputes, early), HttpStatusCode.BadRequest, "date");

        var totals = (await client.MerchantAsync(merchantId)).Totals;
        Assert.Equal((40L, 10L, 10L), (totals.Visa.SalesCount, totals.Visa.ThreeDsAuthenticatedCount, totals.Mastercard.SalesCount));
        Assert.Equal((2L, 2L), (totals.Visa.Disputes, totals.Visa.FraudReports));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task OnlyTheBackOfficeAndAdminsMayRecord(string path)
    {
        var merchantId = MerchantApi.NewMerchantId("roles");
        var writesBefore = silo.Storage.WriteCount;
        foreach (var (key, status) in new[] { (TestKeys.Gateway, HttpStatusCode.Forbidden), (TestKeys.Operator, HttpStatusCode.Forbidden), (null, HttpStatusCode.Unauthorized), (TestKeys.Admin + "x", HttpStatusCode.Unauthorized) })
        {
            using var client = silo.Factory.Client(key);
            SiloApi.AssertProblem(await client.PostReplyAsync(path, Valid(path, merchantId)), status);
        }

        Assert.Equal(writesBefore, silo.Storage.WriteCount);
        using var reader = silo.Factory.Client(TestKeys.Operator);
        SiloApi.AssertProblem(await reader.MerchantReplyAsync(merchantId), HttpStatusCode.NotFound);

        using var backOffice = silo.Factory.Client(TestKeys.BackOffice);
        using var admin = silo.Factory.Client(TestKeys.Admin);
        Assert.False((await backOffice.RecordAsync(path, Valid(path, merchantId))).Replayed);
        Assert.False((await admin.RecordAsync(path, Valid(path, merchantId))).Replayed);
        Assert.Equal(merchantId, (await reader.MerchantAsync(merchantId)).MerchantId);
    }

    [Fact]
    public async Task VisaCountsOnlyTheFirstTenDisputesPerCardInAMonth()
    {
        using var client = silo.Factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId("per-card");
        var card = Auth.NewToken();
        var panCard = silo.Factory.Setup.Tokenizer().Tokenize(ValidPan).Token;
        var expected = new ExpectedMerchant(merchantId);

        async Task DisputeAsync(CardNetwork network, string? token = null, string? pan = null)
        {
            var body = MerchantApi.Dispute(MerchantApi.NewId("dsp"), merchantId, network, 2_000, "USD", Today, cardToken: token);
            if (pan is not null)
            {
                body["pan"] = pan;
            }

            await client.RecordAsync(MerchantApi.Disputes, body);
            expected.Dispute(June, network, new Money(2_000, "USD"), cardToken: token ?? (pan is null ? null : panCard));
        }

        for (var i = 0; i < 12; i++)
        {
            await DisputeAsync(CardNetwork.Visa, token: card);
        }

        // A PAN is tokenized at the edge: its disputes count against the same card as its token's.
        for (var i = 0; i < 6; i++)
        {
            await DisputeAsync(CardNetwork.Visa, pan: ValidPan);
            await DisputeAsync(CardNetwork.Visa, token: panCard);
        }

        await DisputeAsync(CardNetwork.Visa);
        await DisputeAsync(CardNetwork.Visa);
        for (var i = 0; i < 12; i++)
        {
            await DisputeAsync(CardNetwork.Mastercard, token: card);
        }

        var totals = (await client.MerchantAsync(merchantId)).Totals;
        Assert.Equal((26L, 22L), (totals.Visa.Disputes, totals.Visa.CountableDisputes));
        Assert.Equal((12L, 12L), (totals.Mastercard.Disputes, totals.Mastercard.CountableDisputes));
        Assert.Equal(new MoneyReply(26 * 2_000, "USD"), totals.Visa.DisputeAmount);
        MerchantApi.AssertMatches(expected.Totals(June), totals);
    }

    [Fact]
    public async Task AmountsAreConvertedToUsdAtTheConfiguredRates()
    {
        using var client = silo.Factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId("fx");
        var expected = new ExpectedMerchant(merchantId);

        // JPY 0.0067, EUR 1.08, GBP 1.27 per major unit (appsettings.json); cents rounded half away from zero.
        var cases = new (string Path, long Amount, string Currency, long UsdCents)[]
        {
            (MerchantApi.Sales, 150_000, "JPY", 100_500),
            (MerchantApi.Disputes, 12_345, "JPY", 8_271),
            (MerchantApi.FraudReports, 75, "JPY", 50),
            (MerchantApi.Disputes, 9_999, "EUR", 10_799),
            (MerchantApi.FraudReports, 1_001, "GBP", 1_271),
            (MerchantApi.Sales, 123_456, "USD", 123_456),
        };
        foreach (var (path, amount, currency, usdCents) in cases)
        {
            var body = Valid(path, merchantId);
            body["amount"] = amount;
            body["currency"] = currency;
            var receipt = await client.RecordAsync(path, body);
            Assert.True(new MoneyReply(usdCents, "USD") == receipt.AmountUsd, $"{currency} {amount}: {receipt.AmountUsd}");
            Assert.Equal(MerchantApi.ConfiguredRates.ToUsd(new Money(amount, currency)).ToReply(), receipt.AmountUsd);

            var network = CardNetwork.Visa;
            var money = new Money(amount, currency);
            if (path == MerchantApi.Sales)
            {
                expected.Sales(June, network, 10, money, cardPresent: true);
            }
            else if (path == MerchantApi.Disputes)
            {
                expected.Dispute(June, network, money);
            }
            else
            {
                expected.FraudReport(June, network, money);
            }
        }

        var visa = (await client.MerchantAsync(merchantId)).Totals.Visa;
        Assert.Equal(new MoneyReply(100_500 + 123_456, "USD"), visa.SalesAmount);
        Assert.Equal(new MoneyReply(8_271 + 10_799, "USD"), visa.DisputeAmount);
        Assert.Equal(new MoneyReply(50 + 1_271, "USD"), visa.FraudReportAmount);
        MerchantApi.AssertMatches(expected.Totals(June), (await client.MerchantAsync(merchantId)).Totals);
    }

    [Fact]
    public async Task BatchesAtTheMaximumAmountNeverMakeTheMerchantUnreadable()
    {
        // Each batch is within the documented maximum (10^15 minor units). Early in the month the projection scales
        // the month so far by up to 31: every answer must still be 200 or a 400 naming the field, never a 500, and
        // the merchant must stay readable.
        var clock = new ManualClock(new DateTimeOffset(2024, 6, 2, 0, 0, 0, TimeSpan.Zero));
        await using var factory = new SiloFactory(new SiloSetup { Clock = clock });
        using var client = factory.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId("whale");
        var accepted = 0;
        for (var i = 0; i < 320; i++)
        {
            var reply = await client.PostReplyAsync(MerchantApi.Sales, MerchantApi.SalesBatch(MerchantApi.NewId("batch"), merchantId, CardNetwork.Visa, 1_000, 1_000_000_000_000_000, "USD", cardPresent: true, "2024-06-01"));
            Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"batch {i + 1}: {reply}");
            accepted += reply.Status == HttpStatusCode.OK ? 1 : 0;
        }

        var merchant = await client.MerchantAsync(merchantId);
        Assert.Equal(accepted * 1_000L, merchant.Totals.Visa.SalesCount);
    }

    private static JsonObject Valid(string path, string merchantId) => path switch
    {
        MerchantApi.Sales => MerchantApi.SalesBatch(MerchantApi.NewId("batch"), merchantId, CardNetwork.Visa, 10, 10_000, "USD", cardPresent: true, Today),
        MerchantApi.Disputes => MerchantApi.Dispute(MerchantApi.NewId("dsp"), merchantId, CardNetwork.Visa, 10_000, "USD", Today),
        _ => MerchantApi.FraudReport(MerchantApi.NewId("tc40"), merchantId, CardNetwork.Visa, 10_000, "USD", Today),
    };

    private static Dictionary<string, BadRecord> BuildCases()
    {
        var cases = new Dictionary<string, BadRecord>(StringComparer.Ordinal);
        var endpoints = new (string Name, string Path, string IdField)[]
        {
            ("sales", MerchantApi.Sales, "batchId"),
            ("dispute", MerchantApi.Disputes, "disputeId"),
            ("fraud-report", MerchantApi.FraudReports, "reportId"),
        };

        void Json(string endpoint, string path, string name, Action<JsonObject> edit, string field) =>
            cases.Add($"{endpoint}-{name}", new BadRecord(path, merchantId =>
            {
                var body = Valid(path, merchantId);
                edit(body);
                return SiloApi.Json(body.ToJsonString());
            }, HttpStatusCode.BadRequest, [field]));

        void Raw(string endpoint, string path, string name, Func<string, string> body, HttpStatusCode status, string mediaType, params string[] fields) =>
            cases.Add($"{endpoint}-{name}", new BadRecord(path, merchantId => Content(body(merchantId), mediaType), status, fields));

        foreach (var (endpoint, path, idField) in endpoints)
        {
            void Case(string name, Action<JsonObject> edit, string field) => Json(endpoint, path, name, edit, field);

            Case($"{idField}-missing", b => b.Remove(idField), idField);
            Case($"{idField}-empty", b => b[idField] = string.Empty, idField);
            Case($"{idField}-number", b => b[idField] = 42, idField);
            Case($"{idField}-bad-characters", b => b[idField] = "id 1/2", idField);
            Case($"{idField}-too-long", b => b[idField] = new string('i', 129), idField);
            Case("merchantId-missing", b => b.Remove("merchantId"), "merchantId");
            Case("merchantId-bad-characters", b => b["merchantId"] = "shop #1", "merchantId");
            Case("network-missing", b => b.Remove("network"), "network");
            Case("network-unknown", b => b["network"] = "amex", "network");
            Case("network-number", b => b["network"] = 0, "network");
            Case("network-numeric-string", b => b["network"] = "1", "network");
            Case("amount-missing", b => b.Remove("amount"), "amount");
            Case("amount-null", b => b["amount"] = null, "amount");
            Case("amount-string", b => b["amount"] = "10000", "amount");
            Case("amount-negative", b => b["amount"] = -1, "amount");
            Case("amount-fraction", b => b["amount"] = 10.5, "amount");
            Case("amount-beyond-long", b => b["amount"] = JsonNode.Parse("99999999999999999999"), "amount");
            Case("currency-missing", b => b.Remove("currency"), "currency");
            Case("currency-unknown", b => b["currency"] = "XXX", "currency");
            Case("currency-lower-case", b => b["currency"] = "usd", "currency");
            Case("currency-number", b => b["currency"] = 840, "currency");
            Case("currency-without-rate", b => b["currency"] = "CHF", "currency");
            Case("date-missing", b => b.Remove("date"), "date");
            Case("date-number", b => b["date"] = 20240615, "date");
            Case("date-future", b => b["date"] = "2024-06-17", "date");
            Case("date-future-instant", b => b["date"] = "2024-06-16T12:00:01Z", "date");
            Case("date-far-future", b => b["date"] = "9999-12-31", "date");
            Case("date-before-2020", b => b["date"] = "2019-12-31", "date");
            Case("date-before-2020-instant", b => b["date"] = "2019-12-31T23:59:59Z", "date");
            Case("date-impossible", b => b["date"] = "2024-02-30", "date");
            Case("date-day-first", b => b["date"] = "15/06/2024", "date");
            Case("date-instant-without-offset", b => b["date"] = "2024-06-15T09:30:00", "date");
            Case("date-not-a-date", b => b["date"] = "yesterday", "date");

            var valid = Valid(path, "raw").ToJsonString();
            Raw(endpoint, path, "json-malformed", m => Valid(path, m).ToJsonString()[..^8], HttpStatusCode.BadRequest, SiloApi.JsonMediaType, "$");
            Raw(endpoint, path, "json-trailing-garbage", m => Valid(path, m).ToJsonString() + "}", HttpStatusCode.BadRequest, SiloApi.JsonMediaType, "$");
            Raw(endpoint, path, "json-array", m => $"[{Valid(path, m).ToJsonString()}]", HttpStatusCode.BadRequest, SiloApi.JsonMediaType, "$");
            Raw(endpoint, path, "json-empty", _ => string.Empty, HttpStatusCode.BadRequest, SiloApi.JsonMediaType, "$");
            Raw(endpoint, path, "json-single-quotes", m => Valid(path, m).ToJsonString().Replace('"', '\''), HttpStatusCode.BadRequest, SiloApi.JsonMediaType, "$");
            Raw(endpoint, path, "media-type-text", m => Valid(path, m).ToJsonString(), HttpStatusCode.UnsupportedMediaType, "text/plain");
        }

        void Sales(string name, Action<JsonObject> edit, string field) => Json("sales", MerchantApi.Sales, name, edit, field);
        Sales("count-missing", b => b.Remove("count"), "count");
        Sales("count-zero", b => b["count"] = 0, "count");
        Sales("count-negative", b => b["count"] = -5, "count");
        Sales("count-string", b => b["count"] = "10", "count");
        Sales("cardPresent-missing", b => b.Remove("cardPresent"), "cardPresent");
        Sales("cardPresent-string", b => b["cardPresent"] = "true", "cardPresent");
        Sales("cardPresent-number", b => b["cardPresent"] = 1, "cardPresent");
        Sales("threeDs-more-than-count", b => (b["cardPresent"], b["threeDsAuthenticated"]) = (false, 11), "threeDsAuthenticated");
        Sales("threeDs-card-present", b => b["threeDsAuthenticated"] = 1, "threeDsAuthenticated");
        Sales("threeDs-negative", b => (b["cardPresent"], b["threeDsAuthenticated"]) = (false, -1), "threeDsAuthenticated");

        void Dispute(string name, Action<JsonObject> edit, string field) => Json("dispute", MerchantApi.Disputes, name, edit, field);
        Dispute("fraud-missing", b => b.Remove("fraud"), "fraud");
        Dispute("fraud-string", b => b["fraud"] = "no", "fraud");
        Dispute("reasonCode-missing", b => b.Remove("reasonCode"), "reasonCode");
        Dispute("reasonCode-too-long", b => b["reasonCode"] = new string('1', 17), "reasonCode");
        Dispute("resolvedByRdr-string", b => b["resolvedByRdr"] = "yes", "resolvedByRdr");
        Dispute("cardToken-malformed", b => b["cardToken"] = "card-4111", "cardToken");
        Dispute("cardToken-is-a-pan", b => b["cardToken"] = ValidPan, "cardToken");
        Dispute("pan-bad-check-digit", b => b["pan"] = Pans.WithBadCheckDigit(ValidPan), "pan");
        Dispute("pan-too-short", b => b["pan"] = "41111111", "pan");
        Dispute("pan-as-number", b => b["pan"] = JsonNode.Parse(ValidPan), "pan");
        Dispute("pan-and-cardToken", b => (b["pan"], b["cardToken"]) = (ValidPan, Auth.NewToken()), "pan");

        void Report(string name, Action<JsonObject> edit, string field) => Json("fraud-report", MerchantApi.FraudReports, name, edit, field);
        Report("compellingEvidence-string", b => b["compellingEvidence"] = "yes", "compellingEvidence");
        Report("compellingEvidence-number", b => b["compellingEvidence"] = 1, "compellingEvidence");
        return cases;
    }

    private static ByteArrayContent Content(string body, string mediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        return content;
    }

    private sealed record BadRecord(string Path, Func<string, HttpContent> Content, HttpStatusCode Status, string[] Fields)
    {
        public string? ApiKey { get; init; } = TestKeys.BackOffice;
    }
}
