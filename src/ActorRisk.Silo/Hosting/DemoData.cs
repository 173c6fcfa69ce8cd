using ActorRisk.Api.Security;
using ActorRisk.Domain.Programs;

namespace ActorRisk.Silo.Hosting;

/// <summary>
/// Demo data for the embedded mode: the demo merchants' imported history (<see cref="DemoHistory"/>), normal purchases
/// on a few cards and one card-testing burst, and the merchants' records of the running month, sent through the real
/// grains at start, so the API and the portal have something to show. Deterministic card numbers (test PANs), so the
/// demo card token is the same on every start with the same tokenization key.
/// </summary>
internal sealed class DemoData(IGrainFactory grains, PanTokenizer tokenizer, TimeProvider clock, ILogger<DemoData> logger) : IHostedService
{
    public const string TesterPan = "4000000000000002";

    private static readonly string[] ShopperPans = ["4111111111111111", "5555555555554444", "4012888888881881", "5105105105105100"];

    public string? TesterToken { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        // History first: it may only hold months before a merchant's first live one, and the authorizations below
        // (half an hour back, so last month's just after midnight on the 1st) would otherwise open a live month.
        await ImportHistoryAsync(YearMonth.Of(now));
        var sequence = 0;
        foreach (var pan in ShopperPans)
        {
            var (token, last4) = tokenizer.Tokenize(pan);
            for (var i = 0; i < 3; i++)
            {
                await AuthorizeAsync(token, last4, $"demo-{++sequence}", $"m-demo-shop-{i}", Money.Jpy(2_400 + (i * 1_300)), now.AddMinutes(-30 + (i * 5)), cvc: true);
            }
        }

        var (tester, testerLast4) = tokenizer.Tokenize(TesterPan);
        TesterToken = tester;
        for (var i = 0; i < 4; i++)
        {
            await AuthorizeAsync(tester, testerLast4, $"demo-test-{i}", "m-demo-gadgets", Money.Jpy(1), now.AddSeconds(-60 + (i * 15)), cvc: false);
        }

        await SeedMerchantsAsync(now);
        DemoLog.Seeded(logger, tester);
    }

    private async Task ImportHistoryAsync(YearMonth running)
    {
        foreach (var merchant in DemoHistory.Merchants)
        {
            // A durable silo seeded again keeps what it imported: the same rows are unchanged, and in a later month the
            // rows at or after its first live month are refused, which (all or nothing) leaves its history as it was.
            var result = await grains.GetGrain<IMerchantGrain>(merchant.MerchantId).ImportHistoryAsync(new HistoryImport(merchant.Rows(running)));
            if (result.Rows.FirstOrDefault(r => r.Status == HistoryRowStatus.Refused)?.Problem is { } problem)
            {
                DemoLog.HistoryKept(logger, merchant.MerchantId, problem.Reason ?? problem.Kind.ToString());
            }
        }
    }

    // This month's settlement and disputes for the demo merchants, so the merchant API has numbers and projections.
    private async Task SeedMerchantsAsync(DateTimeOffset now)
    {
        var merchants = new (string Id, long Sales, int Disputes, int FraudReports)[]
        {
            ("m-demo-shop-0", 9_000, 12, 4), ("m-demo-shop-1", 4_500, 35, 10), ("m-demo-shop-2", 2_000, 3, 0), ("m-demo-gadgets", 3_000, 60, 45),
        };
        var month = YearMonth.Of(now).ToString();
        foreach (var (id, sales, disputes, reports) in merchants)
        {
            var merchant = grains.GetGrain<IMerchantGrain>(id);
            await merchant.RecordAsync(new MerchantEvent(MerchantEventKind.Sales, $"demo-{month}-{id}-visa", CardNetwork.Visa, now, new Money(sales * 3_200, "USD"), sales));
            await merchant.RecordAsync(new MerchantEvent(MerchantEventKind.Sales, $"demo-{month}-{id}-mc", CardNetwork.Mastercard, now, new Money(sales / 2 * 3_200, "USD"), sales / 2));
            for (var i = 0; i < disputes; i++)
            {
                await merchant.RecordAsync(new MerchantEvent(MerchantEventKind.Dispute, $"demo-{month}-{id}-d{i}", i % 3 == 0 ? CardNetwork.Mastercard : CardNetwork.Visa, now, new Money(3_200, "USD"), ReasonCode: "13.1", Fraud: i % 2 == 0));
            }

            for (var i = 0; i < reports; i++)
            {
                await merchant.RecordAsync(new MerchantEvent(MerchantEventKind.FraudReport, $"demo-{month}-{id}-r{i}", CardNetwork.Visa, now, new Money(3_200, "USD")));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task<AuthorizationDecision> AuthorizeAsync(string token, string last4, string id, string merchant, Money amount, DateTimeOffset at, bool cvc) =>
        grains.GetGrain<ICardGrain>(token).AuthorizeAsync(
            new AuthorizationRequest(new CardAuthorization(id, merchant, amount, at, CvcProvided: cvc, CardType: CardType.Credit), last4));
}

internal static partial class DemoLog
{
    [LoggerMessage(100, LogLevel.Information, "Demo data loaded: a card-testing burst blocked card {CardToken}")]
    public static partial void Seeded(ILogger logger, string cardToken);

    [LoggerMessage(101, LogLevel.Information, "Demo history of {MerchantId} not imported again: {Reason}")]
    public static partial void HistoryKept(ILogger logger, string merchantId, string reason);
}
