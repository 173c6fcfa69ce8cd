using ActorRisk.Domain.Merchants;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;
using ActorRisk.Silo.Hosting;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// The embedded demo's merchants come with 14 imported months: on the first start the enforcement list already has
/// merchants in VAMP and ECM at different months of their timelines, with fines, one of them back in ECM after an
/// exit; every month says what the Domain's evaluator says for the same totals, is marked imported, and raised no
/// program alert.
/// </summary>
public sealed class DemoHistoryTests
{
    private static readonly MerchantMonthEvaluator Evaluator = new(ProgramRulebook.Standard());

    [Fact]
    public async Task TheDemoMerchantsStartWithFourteenImportedMonthsJudgedByTheRulebook()
    {
        await using var silo = new SiloFactory(new SiloSetup { SeedDemoData = true });
        using var analyst = silo.Client(TestKeys.Analyst);
        var running = YearMonth.Of(silo.Service<TimeProvider>().GetUtcNow());
        var expected = DemoHistory.Merchants.ToDictionary(m => m.MerchantId, m => Expected(m, running));

        foreach (var (merchantId, outcomes) in expected)
        {
            var merchant = await analyst.MerchantAsync(merchantId);
            Assert.Equal(running.Previous().ToString(), merchant.LastClosedMonth);
            Assert.Equal(DemoHistory.Months, merchant.History.Count);
            foreach (var (totals, outcome) in outcomes)
            {
                var month = merchant.HistoryOf(totals.Month);
                MerchantApi.AssertMatches(totals, month.Totals);
                foreach (var program in outcome.Programs)
                {
                    MerchantApi.AssertMatches(program, month.Program(program.Program), totals.Month.ToString());
                }
            }

            foreach (var program in outcomes[^1].Outcome.Programs)
            {
                MerchantApi.AssertMatches(program, merchant.Program(program.Program));
            }

            Assert.All(merchant.History, m => Assert.True(m.Imported, $"{merchantId} {m.Month} is not marked imported"));

            // Imported months are the merchant's past: its standing shows them, but no entry, resumption or exit alert.
            var alerts = await analyst.AlertsAsync($"merchantId={merchantId}&limit=200");
            Assert.DoesNotContain(alerts, a => a.Kind is "programEntered" or "programResumed" or "programExited");
        }

        var enforcement = await ListAsync(analyst, "?status=enforcement&pageSize=200");
        var inAProgram = expected.Where(e => e.Value[^1].Outcome.Programs.Any(p => p.Status == ProgramStatus.Enforcement)).Select(e => e.Key);
        Assert.Equal(inAProgram.Order(), enforcement.Select(i => i.MerchantId).Order());

        // VAMP with its per-item fees, and ECM at two different months of the timeline, each with fines.
        var vamp = Assert.Single(enforcement, i => i.StatusIn(MonitoringProgram.VAMP) == "enforcement");
        Assert.True(vamp.FinesToDateUsd.Amount > 0, $"{vamp.MerchantId} is in VAMP without fines");
        var ecm = enforcement.Where(i => i.StatusIn(MonitoringProgram.ECM) == "enforcement").ToList();
        Assert.True(ecm.Count >= 2, $"Only {ecm.Count} demo merchant(s) in ECM");
        Assert.True(ecm.Select(i => i.In(MonitoringProgram.ECM).MonthInProgram).Distinct().Count() >= 2, "The ECM merchants are at the same month of the timeline");
        Assert.All(ecm, i => Assert.True(i.FinesToDateUsd.Amount > 0, $"{i.MerchantId} is in ECM without fines"));

        // One exited ECM and entered it again: month 1 after an exit, twice entered.
        var reentered = expected.Where(e => EnteredAgainAfterExit(e.Value, MonitoringProgram.ECM)).Select(e => e.Key).ToList();
        var merchantBack = Assert.Single(reentered);
        Assert.Contains(merchantBack, ecm.Select(i => i.MerchantId));
        var back = await silo.Service<IGrainFactory>().GetGrain<IMerchantGrain>(merchantBack).GetAsync();
        Assert.Equal(2, back.Programs.Standing(MonitoringProgram.ECM).TimesEntered);
        var history = (await analyst.MerchantAsync(merchantBack)).History.OrderBy(h => h.Month, StringComparer.Ordinal).Select(h => h.Program(MonitoringProgram.ECM)).ToList();
        var exit = history.FindIndex(p => p.Status == "exited");
        Assert.True(exit >= 0 && history.Skip(exit).Any(p => p.Status == "enforcement" && p.MonthInProgram == 1), $"{merchantBack}'s ECM history shows no exit and re-entry");

        // Riskiest first: the merchants in a program before the one that is not.
        var all = await ListAsync(analyst, "?sort=risk&pageSize=200");
        var demo = all.Where(i => expected.ContainsKey(i.MerchantId)).Select(i => i.MerchantId).ToList();
        Assert.Equal(expected.Count, demo.Count);
        Assert.Equal(inAProgram.Order(), demo.Take(inAProgram.Count()).Order());
    }

    // The rulebook's verdict on the demo's rows: their totals in USD, closed in order from the first imported month.
    private static IReadOnlyList<(MerchantMonthTotals Totals, MerchantMonthOutcome Outcome)> Expected(DemoHistory.DemoMerchantHistory merchant, YearMonth running)
    {
        var rows = merchant.Rows(running);
        var months = rows.GroupBy(r => r.Month).OrderBy(g => g.Key).Select(g => new MerchantMonthTotals(
            g.Key,
            g.Single(r => r.Network == CardNetwork.Visa).ToTotals(MerchantApi.ConfiguredRates),
            g.Single(r => r.Network == CardNetwork.Mastercard).ToTotals(MerchantApi.ConfiguredRates))).ToList();
        Assert.Equal(DemoHistory.Months, months.Count);
        Assert.Equal(running.Previous(), months[^1].Month);
        var outcomes = Evaluator.CloseInOrder(new MerchantProfile(merchant.MerchantId), months, null, MerchantProgramState.New);
        return [.. months.Zip(outcomes)];
    }

    private static bool EnteredAgainAfterExit(IReadOnlyList<(MerchantMonthTotals Totals, MerchantMonthOutcome Outcome)> months, MonitoringProgram program)
    {
        var transitions = months.Select(m => m.Outcome.For(program)?.Transition).ToList();
        var exit = transitions.IndexOf(ProgramTransition.Exited);
        return exit >= 0 && transitions.Skip(exit).Contains(ProgramTransition.Entered);
    }

    private static async Task<IReadOnlyList<ListedMerchant>> ListAsync(HttpClient client, string query)
    {
        var reply = await client.GetReplyAsync($"/v1/merchants{query}");
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET /v1/merchants{query}: {reply}");
        return reply.As<ListedMerchants>().Items;
    }

    private sealed record ListedMerchants(IReadOnlyList<ListedMerchant> Items, long Total);

    private sealed record ListedMerchant(string MerchantId, decimal RiskScore, MoneyReply FinesToDateUsd, IReadOnlyList<ListedProgram> Programs)
    {
        public ListedProgram In(MonitoringProgram program) => Programs.Single(p => p.Program == program.ToString());

        public string? StatusIn(MonitoringProgram program) => Programs.FirstOrDefault(p => p.Program == program.ToString())?.Status;
    }

    private sealed record ListedProgram(string Program, string Status, string? Tier, int MonthInProgram);
}
