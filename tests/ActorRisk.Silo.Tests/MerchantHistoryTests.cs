using System.Text.Json.Nodes;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// Fourteen months of one merchant driven only through the API, month by month on a manual clock, compared with the
/// Domain's evaluator run on the same records and with the worked example of docs/domain.md section 2.
/// </summary>
public sealed class MerchantHistoryTests
{
    private static readonly YearMonth First = new(2023, 11);

    // The worked example's merchant (docs/domain.md, "Worked example"): Visa disputes against 12,000 Visa sales a
    // month; Mastercard chargebacks against the previous month's Mastercard sales.
    private static readonly (int VisaDisputes, int MastercardSales, int Chargebacks)[] Months =
    [
        (60, 8_000, 40), (85, 8_000, 90), (110, 8_000, 130), (125, 8_200, 140), (130, 8_100, 150), (120, 8_000, 110),
        (140, 7_900, 160), (90, 8_300, 80), (95, 8_000, 70), (150, 8_000, 60), (160, 8_100, 50), (170, 8_000, 40),
        (180, 8_000, 30), (175, 8_000, 30),
    ];

    [Fact]
    public async Task FourteenMonthsThroughTheApiFollowTheRulebookMonthByMonth()
    {
        var clock = new ManualClock(First.Start.AddDays(14).AddHours(9));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var backOffice = silo.Client(TestKeys.BackOffice);
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("gadgets-online");
        var expected = new ExpectedMerchant(merchantId);
        var outcomes = new Dictionary<YearMonth, MerchantMonthOutcome>();
        var closedAt = new Dictionary<YearMonth, DateTimeOffset>();

        for (var i = 0; i < Months.Length; i++)
        {
            var month = First.AddMonths(i);
            clock.MoveTo(month.Start.AddDays(14).AddHours(9));
            await RecordMonthAsync(backOffice, expected, merchantId, month, Months[i]);

            var running = await backOffice.MerchantAsync(merchantId);
            Assert.Equal(month.ToString(), running.Month);
            MerchantApi.AssertMatches(expected.Totals(month), running.Totals);

            // Into the next month, before the grace period ends: the back office closes the month on demand.
            clock.MoveTo(month.End.AddHours(12));
            var close = await admin.CloseMonthAsync(month);
            Assert.Equal((month.ToString(), 1, 1, 0, string.Empty), close.Summary);
            outcomes[month] = Assert.Single(expected.CloseThrough(month));
            closedAt[month] = clock.Now;
        }

        var merchant = await backOffice.MerchantAsync(merchantId);
        var last = First.AddMonths(Months.Length - 1);
        Assert.Equal(last.ToString(), merchant.LastClosedMonth);
        Assert.Equal(
            Enumerable.Range(0, Months.Length).Select(i => last.AddMonths(-i).ToString()),
            merchant.History.Select(h => h.Month));

        foreach (var (month, outcome) in outcomes)
        {
            var history = merchant.HistoryOf(month);
            MerchantApi.AssertMatches(expected.ClosedTotals[month], history.Totals);
            Assert.Equal(outcome.Programs.Select(p => p.Program.ToString()).Order(), history.Programs.Select(p => p.Program).Order());
            foreach (var program in outcome.Programs)
            {
                MerchantApi.AssertMatches(program, history.Program(program.Program), month.ToString());
            }

            Assert.Equal(new LateReply(0, 0, 0), history.Late);
            Assert.Equal(closedAt[month], history.ClosedAt);
        }

        foreach (var program in outcomes[last].Programs)
        {
            MerchantApi.AssertMatches(program, merchant.Program(program.Program));
        }

        AssertVdmpAnchors(merchant);
        AssertEcmAnchors(merchant);
    }

    // docs/domain.md: VDMP Standard, no fine in months 1-4, USD 50 per dispute from month 5, plus USD 25,000 from
    // month 10; two months below (not three) and over again resumes the timeline.
    private static void AssertVdmpAnchors(MerchantReply merchant)
    {
        HistoryProgramReply Vdmp(int year, int month) => merchant.HistoryOf(new YearMonth(year, month)).Program(MonitoringProgram.VDMP);

        Assert.Equal(("notInProgram", 0), (Vdmp(2023, 11).Status, Vdmp(2023, 11).MonthInProgram));
        Assert.Equal(("earlyWarning", "EarlyWarning", 0), (Vdmp(2023, 12).Status, Vdmp(2023, 12).Tier, Vdmp(2023, 12).MonthInProgram));
        Assert.Equal(110m / 12_000m, Vdmp(2024, 1).Ratio);
        foreach (var (month, monthInProgram) in new[] { (1, 1), (2, 2), (3, 3), (4, 4) })
        {
            Assert.Equal(new HistoryProgramReply("VDMP", "enforcement", "Standard", monthInProgram, Vdmp(2024, month).Ratio, MerchantApi.Usd(0)), Vdmp(2024, month));
        }

        Assert.Equal(("enforcement", "Standard", 5, MerchantApi.Usd(7_000)), (Vdmp(2024, 5).Status, Vdmp(2024, 5).Tier, Vdmp(2024, 5).MonthInProgram, Vdmp(2024, 5).Fine));
        Assert.Equal(("exitWindow", 5, MerchantApi.Usd(0)), (Vdmp(2024, 6).Status, Vdmp(2024, 6).MonthInProgram, Vdmp(2024, 6).Fine));
        Assert.Equal(("exitWindow", 5, MerchantApi.Usd(0)), (Vdmp(2024, 7).Status, Vdmp(2024, 7).MonthInProgram, Vdmp(2024, 7).Fine));
        Assert.Equal(("enforcement", 6, MerchantApi.Usd(7_500)), (Vdmp(2024, 8).Status, Vdmp(2024, 8).MonthInProgram, Vdmp(2024, 8).Fine));
        Assert.Equal((7, MerchantApi.Usd(8_000)), (Vdmp(2024, 9).MonthInProgram, Vdmp(2024, 9).Fine));
        Assert.Equal((8, MerchantApi.Usd(8_500)), (Vdmp(2024, 10).MonthInProgram, Vdmp(2024, 10).Fine));
        Assert.Equal((9, MerchantApi.Usd(9_000)), (Vdmp(2024, 11).MonthInProgram, Vdmp(2024, 11).Fine));
        Assert.Equal(("enforcement", 10, MerchantApi.Usd((50 * 175) + 25_000)), (Vdmp(2024, 12).Status, Vdmp(2024, 12).MonthInProgram, Vdmp(2024, 12).Fine));

        var now = merchant.Program(MonitoringProgram.VDMP);
        Assert.Equal(("2024-12", "visa", "enforcement", "continued", "Standard", 10), (now.ClosedMonth, now.Network, now.Status, now.Transition, now.Tier, now.MonthInProgram));
        Assert.Equal(MerchantApi.Usd(33_750), now.FineThisMonth);
        Assert.Equal(MerchantApi.Usd(7_000 + 7_500 + 8_000 + 8_500 + 9_000 + 33_750), now.FinesToDate);
        Assert.Equal(3, now.MonthsBelowToExit);
    }

    // docs/domain.md: ECM on chargebacks over the previous month's sales; month 1 free, USD 1,000 in months 2 and 3,
    // USD 5,000 from month 4; a month below then over again resumes; three months below in a row exit.
    private static void AssertEcmAnchors(MerchantReply merchant)
    {
        HistoryProgramReply Ecm(int year, int month) => merchant.HistoryOf(new YearMonth(year, month)).Program(MonitoringProgram.ECM);

        Assert.Null(Ecm(2023, 11).Ratio);
        Assert.Equal(90m / 8_000m, Ecm(2023, 12).Ratio);
        Assert.Equal("notInProgram", Ecm(2023, 12).Status);
        Assert.Equal(new HistoryProgramReply("ECM", "enforcement", "ECM", 1, 130m / 8_000m, MerchantApi.Usd(0)), Ecm(2024, 1));
        Assert.Equal(new HistoryProgramReply("ECM", "enforcement", "ECM", 2, 140m / 8_000m, MerchantApi.Usd(1_000)), Ecm(2024, 2));
        Assert.Equal(new HistoryProgramReply("ECM", "enforcement", "ECM", 3, 150m / 8_200m, MerchantApi.Usd(1_000)), Ecm(2024, 3));
        Assert.Equal(new HistoryProgramReply("ECM", "exitWindow", "ECM", 3, 110m / 8_100m, MerchantApi.Usd(0)), Ecm(2024, 4));
        Assert.Equal(new HistoryProgramReply("ECM", "enforcement", "ECM", 4, 160m / 8_000m, MerchantApi.Usd(5_000)), Ecm(2024, 5));
        Assert.Equal(("exitWindow", 4), (Ecm(2024, 6).Status, Ecm(2024, 6).MonthInProgram));
        Assert.Equal(("exitWindow", 4), (Ecm(2024, 7).Status, Ecm(2024, 7).MonthInProgram));
        Assert.Equal(("exited", MerchantApi.Usd(0)), (Ecm(2024, 8).Status, Ecm(2024, 8).Fine));
        foreach (var month in new[] { 9, 10, 11, 12 })
        {
            Assert.Equal(("notInProgram", 0, (string?)null), (Ecm(2024, month).Status, Ecm(2024, month).MonthInProgram, Ecm(2024, month).Tier));
        }

        var now = merchant.Program(MonitoringProgram.ECM);
        Assert.Equal(("mastercard", "notInProgram"), (now.Network, now.Status));
        Assert.Equal(MerchantApi.Usd(1_000 + 1_000 + 5_000), now.FinesToDate);
    }

    // Visa: 12,000 sales in two batches (card-not-present in USD, card-present in EUR), each dispute on its own card;
    // Mastercard: one batch, chargebacks in JPY. Dates spread over the month's first two weeks.
    private static async Task RecordMonthAsync(HttpClient client, ExpectedMerchant expected, string merchantId, YearMonth month, (int VisaDisputes, int MastercardSales, int Chargebacks) row)
    {
        var records = new List<(string Path, JsonObject Body)>
        {
            (MerchantApi.Sales, MerchantApi.SalesBatch(MerchantApi.NewId("batch"), merchantId, CardNetwork.Visa, 7_000, 7_000 * 8_500, "USD", cardPresent: false, MerchantApi.Day(month, 2))),
            (MerchantApi.Sales, MerchantApi.SalesBatch(MerchantApi.NewId("batch"), merchantId, CardNetwork.Visa, 5_000, 5_000 * 4_000, "EUR", cardPresent: true, MerchantApi.Day(month, 9))),
            (MerchantApi.Sales, MerchantApi.SalesBatch(MerchantApi.NewId("batch"), merchantId, CardNetwork.Mastercard, row.MastercardSales, row.MastercardSales * 9_000L, "USD", cardPresent: false, MerchantApi.Day(month, 5))),
        };
        expected.Sales(month, CardNetwork.Visa, 7_000, new Money(7_000 * 8_500, "USD"), cardPresent: false);
        expected.Sales(month, CardNetwork.Visa, 5_000, new Money(5_000 * 4_000, "EUR"), cardPresent: true);
        expected.Sales(month, CardNetwork.Mastercard, row.MastercardSales, new Money(row.MastercardSales * 9_000L, "USD"), cardPresent: false);

        for (var d = 0; d < row.VisaDisputes; d++)
        {
            var card = Auth.NewToken();
            records.Add((MerchantApi.Disputes, MerchantApi.Dispute(MerchantApi.NewId("dsp"), merchantId, CardNetwork.Visa, 8_500, "USD", MerchantApi.Day(month, 1 + (d % 14)), cardToken: card)));
            expected.Dispute(month, CardNetwork.Visa, new Money(8_500, "USD"), cardToken: card);
        }

        for (var c = 0; c < row.Chargebacks; c++)
        {
            records.Add((MerchantApi.Disputes, MerchantApi.Dispute(MerchantApi.NewId("cb"), merchantId, CardNetwork.Mastercard, 12_000, "JPY", MerchantApi.Day(month, 1 + (c % 14)))));
            expected.Dispute(month, CardNetwork.Mastercard, new Money(12_000, "JPY"));
        }

        await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (record, _) =>
        {
            var receipt = await client.RecordAsync(record.Path, record.Body);
            Assert.Equal(month.ToString(), receipt.Month);
            Assert.False(receipt.Late);
            Assert.False(receipt.Replayed);
        });
    }
}
