using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorRisk.Domain.Merchants;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// The worked example of docs/domain.md ("A merchant's history, imported"), read from the document itself: the table's
/// program columns are what the domain's evaluator says for its months, and the same months imported through the API
/// give exactly the evaluator's programs, months in program and fines, month by month and after the last one.
/// </summary>
public sealed partial class HistoryImportSampleTests
{
    private static readonly YearMonth Running = new(2025, 5);

    [Fact]
    public async Task TheDocumentedSampleImportedThroughTheApiGivesTheEvaluatorsProgramsMonthsAndFines()
    {
        var sample = await SampleAsync();
        var merchantId = MerchantApi.NewMerchantId("sample");
        var expected = new MerchantMonthEvaluator(ProgramRulebook.Standard())
            .CloseInOrder(new MerchantProfile(merchantId), [.. sample.Select(m => m.Totals)], null, MerchantProgramState.New);

        // The document says what the evaluator says.
        for (var i = 0; i < sample.Count; i++)
        {
            Assert.Equal((sample[i].Month, sample[i].Vdmp), (sample[i].Month, Describe(expected[i], MonitoringProgram.VDMP)));
            Assert.Equal((sample[i].Month, sample[i].Ecm), (sample[i].Month, Describe(expected[i], MonitoringProgram.ECM)));
        }

        await using var silo = new SiloFactory(new SiloSetup { Clock = new ManualClock(Running.Start.AddDays(9)) });
        using var backOffice = silo.Client(TestKeys.BackOffice);
        var reply = await backOffice.ImportReplyAsync(merchantId, new JsonObject { ["months"] = Body(sample) });

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        var imported = reply.As<MerchantReply>();
        var merchant = await backOffice.MerchantAsync(merchantId);
        Assert.Equal(JsonNode.Parse(reply.Body)!.ToJsonString(), JsonNode.Parse((await backOffice.MerchantReplyAsync(merchantId)).Body)!.ToJsonString());
        Assert.Equal(Running.Previous().ToString(), merchant.LastClosedMonth);
        Assert.Equal(sample.Select(m => m.Month.ToString()).Reverse(), merchant.History.Select(h => h.Month));
        for (var i = 0; i < sample.Count; i++)
        {
            var month = merchant.HistoryOf(sample[i].Month);
            MerchantApi.AssertMatches(sample[i].Totals, month.Totals);
            foreach (var program in expected[i].Programs)
            {
                MerchantApi.AssertMatches(program, month.Program(program.Program), sample[i].Month.ToString());
            }
        }

        foreach (var program in expected[^1].Programs)
        {
            MerchantApi.AssertMatches(program, merchant.Program(program.Program));
        }

        Assert.Equal(imported.History.Count, merchant.History.Count);
        Assert.Equal(MerchantApi.Usd(142_500m), merchant.Program(MonitoringProgram.VDMP).FinesToDate);
        Assert.Equal(MerchantApi.Usd(9_000m), merchant.Program(MonitoringProgram.ECM).FinesToDate);
    }

    /// <summary>The table's words for a program's month: "month 5, USD 7,000", "below, 1 of 3", "entered again, month 1, USD 0".</summary>
    private static string Describe(MerchantMonthOutcome month, MonitoringProgram program)
    {
        var result = month.Programs.Single(p => p.Program == program);
        var fine = $"USD {result.Fine.ToMajor().ToString("N0", CultureInfo.InvariantCulture)}";
        return (result.Status, result.Transition) switch
        {
            (ProgramStatus.NotInProgram, _) when result.Metric.Ratio is null => "not in program (no sales last month)",
            (ProgramStatus.NotInProgram, _) => "not in program",
            (ProgramStatus.EarlyWarning, _) => "early warning",
            (_, ProgramTransition.Entered) => $"entered{(month.State.Standing(program).TimesEntered > 1 ? " again" : string.Empty)}, month {result.MonthInProgram}, {fine}",
            (_, ProgramTransition.Resumed) => $"resumed, month {result.MonthInProgram}, {fine}",
            (_, ProgramTransition.Continued) => $"month {result.MonthInProgram}, {fine}",
            (_, ProgramTransition.WentBelow) => $"below, {3 - result.MonthsBelowToExit} of 3",
            (_, ProgramTransition.Exited) => "exited",
            (_, ProgramTransition.Retired) => "retired",
            _ => $"{result.Status} {result.Transition}",
        };
    }

    private static JsonArray Body(IEnumerable<SampleMonth> sample)
    {
        var rows = new JsonArray();
        foreach (var month in sample)
        {
            foreach (var (network, totals) in new[] { (CardNetwork.Visa, month.Totals.Visa), (CardNetwork.Mastercard, month.Totals.Mastercard) })
            {
                rows.Add(new JsonObject
                {
                    ["month"] = month.Month.ToString(),
                    ["network"] = network.Name(),
                    ["salesCount"] = totals.SalesCount,
                    ["salesAmount"] = HistoryApi.Money(totals.SalesAmount.Amount, totals.SalesAmount.Currency),
                    ["cardNotPresentSalesCount"] = totals.CardNotPresentSalesCount,
                    ["disputeCount"] = totals.DisputeCount,
                    ["disputeAmount"] = HistoryApi.Money(totals.DisputeAmount.Amount, totals.DisputeAmount.Currency),
                    ["fraudDisputeCount"] = 0,
                    ["fraudReportCount"] = 0,
                    ["fraudReportAmount"] = HistoryApi.Money(0, "USD"),
                });
            }
        }

        return rows;
    }

    /// <summary>The table under "Worked example: the CLI's merchant, imported", as monthly totals and its program columns.</summary>
    private static async Task<List<SampleMonth>> SampleAsync()
    {
        var document = await Repository.ReadAsync("docs", "domain.md");
        var table = document[document.IndexOf("| month | Visa disputes |", StringComparison.Ordinal)..];
        var months = new List<SampleMonth>();
        foreach (Match row in SampleRow().Matches(table))
        {
            long Number(string column) => long.Parse(row.Groups[column].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var month = YearMonth.Parse(row.Groups["month"].Value);
            var visa = new NetworkMonthTotals
            {
                CardNotPresentSalesCount = 12_000,
                CardNotPresentSalesAmount = Money.Usd(12_000 * 85m),
                DisputeCount = Number("visa"),
                CountableDisputeCount = Number("visa"),
                DisputeAmount = Money.Usd(Number("visa") * 40m),
            };
            var mastercard = new NetworkMonthTotals
            {
                CardNotPresentSalesCount = Number("sales"),
                CardNotPresentSalesAmount = Money.Usd(Number("sales") * 85m),
                DisputeCount = Number("chargebacks"),
                CountableDisputeCount = Number("chargebacks"),
                DisputeAmount = Money.Usd(Number("chargebacks") * 40m),
            };
            months.Add(new SampleMonth(month, new MerchantMonthTotals(month, visa, mastercard), row.Groups["vdmp"].Value.Trim(), row.Groups["ecm"].Value.Trim()));
            if (months.Count > 1)
            {
                Assert.Equal(months[^2].Month.Next(), month);
            }
        }

        Assert.Equal(18, months.Count);
        Assert.Equal(Running.Previous(), months[^1].Month);
        return months;
    }

    [GeneratedRegex(@"^\| (?<month>\d{4}-\d{2}) \| (?<visa>[\d,]+) \| (?<sales>[\d,]+) \| (?<chargebacks>[\d,]+) \| (?<vdmp>[^|]+)\| (?<ecm>[^|]+)\|$", RegexOptions.Multiline)]
    private static partial Regex SampleRow();

    private sealed record SampleMonth(YearMonth Month, MerchantMonthTotals Totals, string Vdmp, string Ecm);
}
