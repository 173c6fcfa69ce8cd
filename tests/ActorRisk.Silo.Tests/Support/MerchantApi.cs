using System.Globalization;
using System.Text.Json.Nodes;
using ActorRisk.Domain.Merchants;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;

namespace ActorRisk.Silo.Tests.Support;

/// <summary>Requests and answers of the merchant API: records from the back office, month closes, the merchant view.</summary>
public static class MerchantApi
{
    public const string Sales = "/v1/sales";
    public const string Disputes = "/v1/disputes";
    public const string FraudReports = "/v1/fraud-reports";

    /// <summary>The USD rates appsettings.json configures (ActorRisk:ExchangeRates).</summary>
    public static ExchangeRateTable ConfiguredRates { get; } = new(new Dictionary<string, decimal>
    {
        ["JPY"] = 0.0067m,
        ["EUR"] = 1.08m,
        ["GBP"] = 1.27m,
    });

    public static string NewMerchantId(string prefix = "merchant") => $"{prefix}-{Guid.NewGuid():N}";

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>"2024-03-07": a calendar date in <paramref name="month"/>.</summary>
    public static string Day(YearMonth month, int day) => new DateOnly(month.Year, month.Month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Name(this CardNetwork network) => network == CardNetwork.Visa ? "visa" : "mastercard";

    public static JsonObject SalesBatch(string batchId, string merchantId, CardNetwork network, long count, long amount, string currency, bool cardPresent, string date) => new()
    {
        ["batchId"] = batchId,
        ["merchantId"] = merchantId,
        ["network"] = network.Name(),
        ["count"] = count,
        ["amount"] = amount,
        ["currency"] = currency,
        ["cardPresent"] = cardPresent,
        ["date"] = date,
    };

    public static JsonObject Dispute(string disputeId, string merchantId, CardNetwork network, long amount, string currency, string date, bool fraud = false, string? cardToken = null)
    {
        var body = new JsonObject
        {
            ["disputeId"] = disputeId,
            ["merchantId"] = merchantId,
            ["network"] = network.Name(),
            ["amount"] = amount,
            ["currency"] = currency,
            ["reasonCode"] = network == CardNetwork.Visa ? "13.1" : "4853",
            ["fraud"] = fraud,
            ["date"] = date,
        };
        if (cardToken is not null)
        {
            body["cardToken"] = cardToken;
        }

        return body;
    }

    public static JsonObject FraudReport(string reportId, string merchantId, CardNetwork network, long amount, string currency, string date) => new()
    {
        ["reportId"] = reportId,
        ["merchantId"] = merchantId,
        ["network"] = network.Name(),
        ["amount"] = amount,
        ["currency"] = currency,
        ["date"] = date,
    };

    /// <summary>POSTs a record, expecting 200.</summary>
    public static async Task<IngestionReply> RecordAsync(this HttpClient client, string path, JsonNode body)
    {
        var reply = await client.PostReplyAsync(path, SiloApi.Json(body.ToJsonString()));
        Assert.True(reply.Status == HttpStatusCode.OK, $"POST {path}: {reply}");
        Assert.Equal(SiloApi.JsonMediaType, reply.MediaType);
        return reply.As<IngestionReply>();
    }

    public static Task<Reply> MerchantReplyAsync(this HttpClient client, string merchantId) => client.GetReplyAsync($"/v1/merchants/{merchantId}");

    /// <summary>GET /v1/merchants/{merchantId}, expecting 200.</summary>
    public static async Task<MerchantReply> MerchantAsync(this HttpClient client, string merchantId)
    {
        var reply = await client.MerchantReplyAsync(merchantId);
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET /v1/merchants/{merchantId}: {reply}");
        return reply.As<MerchantReply>();
    }

    public static Task<Reply> CloseMonthReplyAsync(this HttpClient client, string month) => client.PostReplyAsync($"/v1/months/{month}/close", SiloApi.Json("{}"));

    /// <summary>POST /v1/months/{month}/close, expecting 200.</summary>
    public static async Task<MonthCloseReply> CloseMonthAsync(this HttpClient client, YearMonth month)
    {
        var reply = await client.CloseMonthReplyAsync(month.ToString());
        Assert.True(reply.Status == HttpStatusCode.OK, $"POST /v1/months/{month}/close: {reply}");
        return reply.As<MonthCloseReply>();
    }

    /// <summary>Reads the merchant until its last closed month is <paramref name="month"/> (a reminder closes it in the background).</summary>
    /// <param name="passing">
    /// A manual clock to move a minute on per poll while waiting: Orleans fires a reminder whose due time passed while
    /// the clock jumped at its next period boundary, which comes only as time passes.
    /// </param>
    public static async Task<MerchantReply> WaitForCloseAsync(this HttpClient client, string merchantId, YearMonth month, TimeSpan timeout, ManualClock? passing = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        var merchant = await client.MerchantAsync(merchantId);
        while (merchant.LastClosedMonth != month.ToString() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            passing?.Advance(TimeSpan.FromMinutes(1));
            merchant = await client.MerchantAsync(merchantId);
        }

        Assert.True(merchant.LastClosedMonth == month.ToString(), $"{merchantId}: last closed month {merchant.LastClosedMonth ?? "none"} after {timeout}, expected {month}");
        return merchant;
    }

    public static void MoveTo(this ManualClock clock, DateTimeOffset instant) => clock.Advance(instant - clock.Now);

    public static MoneyReply Usd(decimal major) => new(checked((long)(major * 100m)), "USD");

    public static MoneyReply ToReply(this Money money) => new(money.Amount, money.Currency);

    public static string Name(this ProgramStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    public static string Name(this ProgramTransition transition) => JsonNamingPolicy.CamelCase.ConvertName(transition.ToString());

    /// <summary>Asserts that a closed month's program line says what the Domain's evaluator says for that month.</summary>
    public static void AssertMatches(ProgramMonthResult expected, HistoryProgramReply actual, string month)
    {
        var where = $"{month} {expected.Program}";
        Assert.True(expected.Status.Name() == actual.Status, $"{where}: status {actual.Status}, expected {expected.Status.Name()}");
        Assert.True(expected.MonthInProgram == actual.MonthInProgram, $"{where}: month in program {actual.MonthInProgram}, expected {expected.MonthInProgram}");
        Assert.True(expected.Tier == actual.Tier, $"{where}: tier {actual.Tier ?? "none"}, expected {expected.Tier ?? "none"}");
        Assert.True(expected.Fine.ToReply() == actual.Fine, $"{where}: fine {actual.Fine}, expected {expected.Fine.ToReply()}");
        Assert.True(expected.Metric.Ratio == actual.Ratio, $"{where}: ratio {actual.Ratio}, expected {expected.Metric.Ratio}");
    }

    /// <summary>Asserts the merchant's current program line (after its last closed month) against the Domain's evaluator.</summary>
    public static void AssertMatches(ProgramMonthResult expected, ProgramReply actual)
    {
        var where = $"{expected.Month} {expected.Program} (last close)";
        Assert.True(expected.Month.ToString() == actual.ClosedMonth, $"{where}: closed month {actual.ClosedMonth}");
        Assert.True(expected.Network.Name() == actual.Network, $"{where}: network {actual.Network}");
        Assert.True(expected.Status.Name() == actual.Status, $"{where}: status {actual.Status}, expected {expected.Status.Name()}");
        Assert.True(expected.Transition.Name() == actual.Transition, $"{where}: transition {actual.Transition}, expected {expected.Transition.Name()}");
        Assert.True(expected.Tier == actual.Tier, $"{where}: tier {actual.Tier ?? "none"}, expected {expected.Tier ?? "none"}");
        Assert.True(expected.MonthInProgram == actual.MonthInProgram, $"{where}: month in program {actual.MonthInProgram}, expected {expected.MonthInProgram}");
        Assert.True(expected.Fine.ToReply() == actual.FineThisMonth, $"{where}: fine {actual.FineThisMonth}, expected {expected.Fine.ToReply()}");
        Assert.True(expected.FinesToDate.ToReply() == actual.FinesToDate, $"{where}: fines to date {actual.FinesToDate}, expected {expected.FinesToDate.ToReply()}");
        Assert.True(expected.MonthsBelowToExit == actual.MonthsBelowToExit, $"{where}: months below to exit {actual.MonthsBelowToExit}, expected {expected.MonthsBelowToExit}");
        Assert.True(expected.Metric.Ratio == actual.Ratio, $"{where}: ratio {actual.Ratio}, expected {expected.Metric.Ratio}");
        Assert.Equal(expected.Reasons, actual.Reasons);
    }

    /// <summary>Asserts a month's totals as the API shows them against the Domain ledger's totals.</summary>
    public static void AssertMatches(MerchantMonthTotals expected, MonthTotalsReply actual)
    {
        Assert.Equal(expected.Month.ToString(), actual.Month);
        foreach (var network in new[] { CardNetwork.Visa, CardNetwork.Mastercard })
        {
            var e = expected.For(network);
            var a = actual.For(network);
            var where = $"{expected.Month} {network.Name()}";
            Assert.True(e.SalesCount == a.SalesCount, $"{where}: sales {a.SalesCount}, expected {e.SalesCount}");
            Assert.True(e.SalesAmount.ToReply() == a.SalesAmount, $"{where}: sales amount {a.SalesAmount}, expected {e.SalesAmount}");
            Assert.True(e.CardPresentSalesCount == a.CardPresentSalesCount, $"{where}: card-present sales {a.CardPresentSalesCount}, expected {e.CardPresentSalesCount}");
            Assert.True(e.DisputeCount == a.Disputes, $"{where}: disputes {a.Disputes}, expected {e.DisputeCount}");
            Assert.True(e.CountableDisputeCount == a.CountableDisputes, $"{where}: countable disputes {a.CountableDisputes}, expected {e.CountableDisputeCount}");
            Assert.True(e.DisputeAmount.ToReply() == a.DisputeAmount, $"{where}: dispute amount {a.DisputeAmount}, expected {e.DisputeAmount}");
            Assert.True(e.FraudDisputeCount == a.FraudDisputes, $"{where}: fraud disputes {a.FraudDisputes}, expected {e.FraudDisputeCount}");
            Assert.True(e.FraudReportCount == a.FraudReports, $"{where}: fraud reports {a.FraudReports}, expected {e.FraudReportCount}");
            Assert.True(e.FraudReportAmount.ToReply() == a.FraudReportAmount, $"{where}: fraud report amount {a.FraudReportAmount}, expected {e.FraudReportAmount}");
        }
    }
}

/// <summary>
/// The Domain's own month close over the records a test sends through the API: the same ledger and evaluator, run
/// in the test, so the silo's answers can be compared with what the rulebook says for the same inputs.
/// </summary>
public sealed class ExpectedMerchant(string merchantId)
{
    private readonly MerchantMonthEvaluator evaluator = new(ProgramRulebook.Standard());
    private readonly SortedDictionary<YearMonth, MerchantMonthLedger> open = [];
    private readonly Dictionary<YearMonth, MerchantMonthTotals> closed = [];
    private MerchantProgramState state = MerchantProgramState.New;

    public MerchantProfile Profile { get; } = new(merchantId);

    public IReadOnlyDictionary<YearMonth, MerchantMonthTotals> ClosedTotals => closed;

    public void Sales(YearMonth month, CardNetwork network, long count, Money amount, bool cardPresent) =>
        Update(month, ledger => ledger.AddSales(network, count, amount, cardPresent, MerchantApi.ConfiguredRates));

    public void Dispute(YearMonth month, CardNetwork network, Money amount, bool fraud = false, string? cardToken = null) =>
        Update(month, ledger => ledger.AddDispute(network, amount, fraud, cardToken, MerchantApi.ConfiguredRates));

    public void FraudReport(YearMonth month, CardNetwork network, Money amount) =>
        Update(month, ledger => ledger.AddFraudReport(network, amount, MerchantApi.ConfiguredRates));

    public MerchantMonthTotals Totals(YearMonth month) =>
        open.TryGetValue(month, out var ledger) ? ledger.Totals : closed.GetValueOrDefault(month) ?? MerchantMonthTotals.Empty(month);

    /// <summary>Closes every month from the first open one (or the one after the last closed) through <paramref name="through"/>, empty months included.</summary>
    public IReadOnlyList<MerchantMonthOutcome> CloseThrough(YearMonth through)
    {
        var outcomes = new List<MerchantMonthOutcome>();
        var from = state.LastClosedMonth?.Next() ?? open.Keys.First();
        for (var month = from; month <= through; month = month.Next())
        {
            var totals = open.Remove(month, out var ledger) ? ledger.Totals : MerchantMonthTotals.Empty(month);
            var previous = closed.GetValueOrDefault(month.Previous());
            var outcome = evaluator.Close(Profile, totals, previous, state);
            state = outcome.State;
            closed[month] = totals;
            outcomes.Add(outcome);
        }

        return outcomes;
    }

    private void Update(YearMonth month, Func<MerchantMonthLedger, MerchantMonthLedger> add)
    {
        if (state.LastClosedMonth is { } last && month <= last)
        {
            return;
        }

        var ledger = open.TryGetValue(month, out var existing) ? existing : MerchantMonthLedger.Open(month, evaluator.Rulebook.Parameters.VisaDisputesPerCardPerMonth);
        open[month] = add(ledger);
    }
}

public sealed record IngestionReply(string Kind, string Id, string MerchantId, string Month, bool Late, MoneyReply AmountUsd, DateTimeOffset RecordedAt, bool Replayed);

public sealed record NetworkTotalsReply(
    long SalesCount,
    MoneyReply SalesAmount,
    long CardPresentSalesCount,
    long CardNotPresentSalesCount,
    long ThreeDsAuthenticatedCount,
    long Disputes,
    long CountableDisputes,
    MoneyReply DisputeAmount,
    long FraudDisputes,
    MoneyReply FraudDisputeAmount,
    long FraudReports,
    MoneyReply FraudReportAmount);

public sealed record MonthTotalsReply(string Month, NetworkTotalsReply Visa, NetworkTotalsReply Mastercard)
{
    public NetworkTotalsReply For(CardNetwork network) => network == CardNetwork.Visa ? Visa : Mastercard;
}

public sealed record ProgramReply(
    string Program,
    string Network,
    string ClosedMonth,
    string Status,
    string Transition,
    string? Tier,
    int MonthInProgram,
    MoneyReply FineThisMonth,
    MoneyReply FinesToDate,
    int? MonthsBelowToExit,
    decimal? Ratio,
    string Reason,
    IReadOnlyList<string> Reasons);

public sealed record ProjectionReply(
    string Program,
    string TargetTier,
    decimal? RatioNow,
    decimal? EndOfMonthRatio,
    long? DisputesToThreshold,
    MoneyReply? AmountToThreshold,
    string Warning,
    IReadOnlyList<string> Reasons);

public sealed record HistoryProgramReply(string Program, string Status, string? Tier, int MonthInProgram, decimal? Ratio, MoneyReply Fine);

public sealed record LateReply(long SalesBatches, long Disputes, long FraudReports);

public sealed record LateMonthReply(string Month, long SalesBatches, long Disputes, long FraudReports);

public sealed record HistoryMonthReply(string Month, MonthTotalsReply Totals, IReadOnlyList<HistoryProgramReply> Programs, LateReply Late, DateTimeOffset ClosedAt, bool Imported = false)
{
    public HistoryProgramReply Program(MonitoringProgram program) => Programs.Single(p => p.Program == program.ToString());
}

public sealed record MerchantProfileReply(string? Mcc, bool HighBrandRisk, bool RegulatedMarket);

public sealed record MerchantReply(
    string MerchantId,
    MerchantProfileReply Profile,
    string Month,
    MonthTotalsReply Totals,
    string? LastClosedMonth,
    IReadOnlyList<ProgramReply> Programs,
    IReadOnlyList<ProjectionReply> Projection,
    IReadOnlyList<HistoryMonthReply> History,
    IReadOnlyList<LateMonthReply> Late)
{
    public ProgramReply Program(MonitoringProgram program) => Programs.Single(p => p.Program == program.ToString());

    public HistoryMonthReply HistoryOf(YearMonth month) => History.Single(h => h.Month == month.ToString());
}

public sealed record MonthCloseReply(string Month, int Merchants, int ClosedNow, int AlreadyClosed, IReadOnlyList<string> Failed)
{
    /// <summary>Month, merchants, closed now, already closed, failed: for one comparison in a test.</summary>
    public (string Month, int Merchants, int ClosedNow, int AlreadyClosed, string Failed) Summary => (Month, Merchants, ClosedNow, AlreadyClosed, string.Join(",", Failed));
}
