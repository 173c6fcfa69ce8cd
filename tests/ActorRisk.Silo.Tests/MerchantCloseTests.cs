using System.Text.Json.Nodes;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// Month close: on demand by an admin and by each merchant's reminder after the grace period, in order with empty
/// months, idempotent, refusing months not yet ended; records arriving after their month closed are kept apart as
/// late; and in durable mode, months, first answers and reminders survive a silo restart.
/// </summary>
public sealed class MerchantCloseTests
{
    private static readonly YearMonth March = new(2024, 3);
    private static readonly YearMonth April = new(2024, 4);
    private static readonly TimeSpan Grace = TimeSpan.FromDays(3);

    // No reminder fires during a test that closes months itself.

    [Fact]
    public async Task ARecordDatedInAClosedMonthIsLateAndChangesNoResult()
    {
        var clock = new ManualClock(March.Start.AddDays(9));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var backOffice = silo.Client(TestKeys.BackOffice);
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("late");
        var expected = new ExpectedMerchant(merchantId);
        await RecordVdmpMonthAsync(backOffice, expected, merchantId, March, sales: 5_000, disputes: 100);

        clock.MoveTo(April.Start.AddHours(12));
        await admin.CloseMonthAsync(March);
        var march = Assert.Single(expected.CloseThrough(March));
        Assert.Equal(("enforcement", 1), (march.For(MonitoringProgram.VDMP)!.Status.Name(), march.For(MonitoringProgram.VDMP)!.MonthInProgram));
        var before = JsonNode.Parse((await backOffice.MerchantReplyAsync(merchantId)).Body)!;

        var lateDispute = MerchantApi.Dispute(MerchantApi.NewId("dsp"), merchantId, CardNetwork.Visa, 5_000, "USD", MerchantApi.Day(March, 20));
        var lateRecords = new (string Path, JsonObject Body)[]
        {
            (MerchantApi.Disputes, lateDispute),
            (MerchantApi.Sales, MerchantApi.SalesBatch(MerchantApi.NewId("batch"), merchantId, CardNetwork.Visa, 100_000, 100_000 * 2_000, "USD", cardPresent: true, "2024-03-31T23:59:59Z")),
            (MerchantApi.FraudReports, MerchantApi.FraudReport(MerchantApi.NewId("tc40"), merchantId, CardNetwork.Visa, 9_000_000, "USD", MerchantApi.Day(March, 5))),
        };
        var firstLate = new List<IngestionReply>();
        foreach (var (path, body) in lateRecords)
        {
            var receipt = await backOffice.RecordAsync(path, body);
            Assert.Equal(("2024-03", true, false), (receipt.Month, receipt.Late, receipt.Replayed));
            firstLate.Add(receipt);
        }

        var onTime = await backOffice.RecordAsync(MerchantApi.Disputes, MerchantApi.Dispute(MerchantApi.NewId("dsp"), merchantId, CardNetwork.Visa, 5_000, "USD", "2024-04-01T00:00:00Z"));
        expected.Dispute(April, CardNetwork.Visa, new Money(5_000, "USD"));
        Assert.Equal(("2024-04", false), (onTime.Month, onTime.Late));
        Assert.Equal(firstLate[0] with { Replayed = true }, await backOffice.RecordAsync(MerchantApi.Disputes, lateDispute));

        var after = JsonNode.Parse((await backOffice.MerchantReplyAsync(merchantId)).Body)!;
        var merchant = await backOffice.MerchantAsync(merchantId);
        Assert.Equal(new LateReply(1, 1, 1), merchant.HistoryOf(March).Late);
        Assert.Equal([new LateMonthReply("2024-03", 1, 1, 1)], merchant.Late);
        Assert.Equal(Without(before["history"]![0]!, "late"), Without(after["history"]![0]!, "late"));
        Assert.Equal(before["programs"]!.ToJsonString(), after["programs"]!.ToJsonString());
        Assert.Equal(before["lastClosedMonth"]!.ToJsonString(), after["lastClosedMonth"]!.ToJsonString());
        MerchantApi.AssertMatches(expected.Totals(April), merchant.Totals);

        clock.MoveTo(April.End.AddHours(12));
        await admin.CloseMonthAsync(April);
        var april = Assert.Single(expected.CloseThrough(April));
        merchant = await backOffice.MerchantAsync(merchantId);
        MerchantApi.AssertMatches(expected.ClosedTotals[April], merchant.HistoryOf(April).Totals);
        foreach (var program in april.Programs)
        {
            MerchantApi.AssertMatches(program, merchant.Program(program.Program));
        }

        Assert.Equal(new LateReply(0, 0, 0), merchant.HistoryOf(April).Late);
        Assert.Equal(new LateReply(1, 1, 1), merchant.HistoryOf(March).Late);
    }

    [Fact]
    public async Task ARecordForAMonthPastItsGracePeriodIsLateThoughNoCloseHasRunYet()
    {
        var clock = new ManualClock(March.Start.AddDays(9));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var backOffice = silo.Client(TestKeys.BackOffice);
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("past-grace");
        var expected = new ExpectedMerchant(merchantId);
        await RecordVdmpMonthAsync(backOffice, expected, merchantId, March, sales: 5_000, disputes: 100);

        clock.MoveTo(March.End + Grace - TimeSpan.FromSeconds(1));
        var inGrace = await backOffice.RecordAsync(MerchantApi.Disputes, MerchantApi.Dispute(MerchantApi.NewId("dsp"), merchantId, CardNetwork.Visa, 5_000, "USD", MerchantApi.Day(March, 31)));
        Assert.Equal(("2024-03", false), (inGrace.Month, inGrace.Late));
        expected.Dispute(March, CardNetwork.Visa, new Money(5_000, "USD"));

        clock.MoveTo(March.End + Grace);
        var pastGrace = await backOffice.RecordAsync(MerchantApi.Disputes, MerchantApi.Dispute(MerchantApi.NewId("dsp"), merchantId, CardNetwork.Visa, 5_000, "USD", MerchantApi.Day(March, 31)));
        Assert.Equal(("2024-03", true), (pastGrace.Month, pastGrace.Late));
        var merchant = await backOffice.MerchantAsync(merchantId);
        Assert.Null(merchant.LastClosedMonth);
        Assert.Equal([new LateMonthReply("2024-03", 0, 1, 0)], merchant.Late);

        Assert.Equal(("2024-03", 1, 1, 0, string.Empty), (await admin.CloseMonthAsync(March)).Summary);
        var march = Assert.Single(expected.CloseThrough(March));
        merchant = await backOffice.MerchantAsync(merchantId);
        var history = merchant.HistoryOf(March);
        MerchantApi.AssertMatches(expected.ClosedTotals[March], history.Totals);
        Assert.Equal(101, history.Totals.Visa.Disputes);
        Assert.Equal(new LateReply(0, 1, 0), history.Late);
        foreach (var program in march.Programs)
        {
            MerchantApi.AssertMatches(program, merchant.Program(program.Program));
        }
    }

    [Fact]
    public async Task ClosingTheSameMonthAgainChangesNothing()
    {
        var clock = new ManualClock(March.Start.AddDays(9));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var backOffice = silo.Client(TestKeys.BackOffice);
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("twice");
        await RecordVdmpMonthAsync(backOffice, new ExpectedMerchant(merchantId), merchantId, March, sales: 5_000, disputes: 120);
        clock.MoveTo(April.Start.AddDays(1));

        Assert.Equal(("2024-03", 1, 1, 0, string.Empty), (await admin.CloseMonthAsync(March)).Summary);
        var closedOnce = (await admin.MerchantReplyAsync(merchantId)).Body;

        clock.Advance(TimeSpan.FromMinutes(5));
        var closedAgain = (await admin.MerchantReplyAsync(merchantId)).Body;
        Assert.Equal(("2024-03", 1, 0, 1, string.Empty), (await admin.CloseMonthAsync(March)).Summary);
        Assert.Equal(("2024-02", 1, 0, 1, string.Empty), (await admin.CloseMonthAsync(March.Previous())).Summary);
        Assert.Equal(closedAgain, (await admin.MerchantReplyAsync(merchantId)).Body);

        var merchant = await admin.MerchantAsync(merchantId);
        var history = Assert.Single(merchant.History);
        Assert.Equal(("2024-03", "2024-03", 1), (merchant.LastClosedMonth, history.Month, merchant.Program(MonitoringProgram.VDMP).MonthInProgram));
        Assert.Equal(April.Start.AddDays(1), history.ClosedAt);
        Assert.Equal(JsonNode.Parse(closedOnce)!["history"]!.ToJsonString(), JsonNode.Parse(closedAgain)!["history"]!.ToJsonString());
    }

    [Fact]
    public async Task AMonthThatHasNotEndedOrIsNotAMonthCannotBeClosed()
    {
        var clock = new ManualClock(March.End.AddSeconds(-1));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var backOffice = silo.Client(TestKeys.BackOffice);
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("early");
        await RecordVdmpMonthAsync(backOffice, new ExpectedMerchant(merchantId), merchantId, March, sales: 1_000, disputes: 3);

        foreach (var month in new[] { "2024-03", "2024-04", "2031-01", "2024-13", "2024-00", "2024-3", "24-03", "march", "2024-03-01", "2019-12" })
        {
            SiloApi.AssertProblem(await admin.CloseMonthReplyAsync(month), HttpStatusCode.BadRequest, "month");
        }

        foreach (var (key, status) in new[] { (TestKeys.BackOffice, HttpStatusCode.Forbidden), (TestKeys.Operator, HttpStatusCode.Forbidden), (TestKeys.Gateway, HttpStatusCode.Forbidden), (null, HttpStatusCode.Unauthorized) })
        {
            using var client = silo.Client(key);
            SiloApi.AssertProblem(await client.CloseMonthReplyAsync("2024-02"), status);
        }

        var merchant = await admin.MerchantAsync(merchantId);
        Assert.Null(merchant.LastClosedMonth);
        Assert.Empty(merchant.History);
        Assert.Empty(merchant.Programs);

        // From the first instant after the month, it can be closed.
        clock.MoveTo(March.End);
        Assert.Equal(("2024-03", 1, 1, 0, string.Empty), (await admin.CloseMonthAsync(March)).Summary);
        Assert.Equal("2024-03", (await admin.MerchantAsync(merchantId)).LastClosedMonth);
    }

    [Fact]
    public async Task ClosingAMonthClosesEveryEarlierOpenMonthInOrderWithEmptyMonths()
    {
        var february = new YearMonth(2024, 2);
        var clock = new ManualClock(february.Start.AddDays(19));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var backOffice = silo.Client(TestKeys.BackOffice);
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("gaps");
        var expected = new ExpectedMerchant(merchantId);

        // February: 10,000 Mastercard sales. March: nothing. April: 120 chargebacks, over the previous month's sales:
        // March's (none, so the ratio is undefined and ECM is not met), not February's (1.2%). No reminder runs, and
        // nobody closes February or March.
        await backOffice.RecordAsync(MerchantApi.Sales, MerchantApi.SalesBatch(MerchantApi.NewId("batch"), merchantId, CardNetwork.Mastercard, 10_000, 10_000 * 5_000, "USD", cardPresent: false, MerchantApi.Day(february, 12)));
        expected.Sales(february, CardNetwork.Mastercard, 10_000, new Money(10_000 * 5_000, "USD"), cardPresent: false);
        await RecordVdmpMonthAsync(backOffice, expected, merchantId, february, sales: 4_000, disputes: 110);

        clock.MoveTo(April.Start.AddDays(27));
        for (var i = 0; i < 120; i++)
        {
            await backOffice.RecordAsync(MerchantApi.Disputes, MerchantApi.Dispute(MerchantApi.NewId("cb"), merchantId, CardNetwork.Mastercard, 3_000, "USD", MerchantApi.Day(April, 1 + (i % 28))));
            expected.Dispute(April, CardNetwork.Mastercard, new Money(3_000, "USD"));
        }

        var aprilOnly = MerchantApi.NewMerchantId("april-only");
        await backOffice.RecordAsync(MerchantApi.Disputes, MerchantApi.Dispute(MerchantApi.NewId("dsp"), aprilOnly, CardNetwork.Visa, 3_000, "USD", MerchantApi.Day(April, 28)));

        clock.MoveTo(April.End.AddHours(12));
        Assert.Equal(("2024-04", 2, 2, 0, string.Empty), (await admin.CloseMonthAsync(April)).Summary);

        var outcomes = expected.CloseThrough(April);
        Assert.Equal([february, March, April], outcomes.Select(o => o.Month));
        var merchant = await backOffice.MerchantAsync(merchantId);
        Assert.Equal(["2024-04", "2024-03", "2024-02"], merchant.History.Select(h => h.Month));
        Assert.Single(merchant.History.Select(h => h.ClosedAt).Distinct());
        foreach (var outcome in outcomes)
        {
            var history = merchant.HistoryOf(outcome.Month);
            MerchantApi.AssertMatches(expected.ClosedTotals[outcome.Month], history.Totals);
            foreach (var program in outcome.Programs)
            {
                MerchantApi.AssertMatches(program, history.Program(program.Program), outcome.Month.ToString());
            }
        }

        var empty = merchant.HistoryOf(March).Totals;
        Assert.Equal((0L, 0L, 0L, 0L), (empty.Visa.SalesCount, empty.Visa.Disputes, empty.Mastercard.SalesCount, empty.Mastercard.Disputes));
        Assert.Equal(("enforcement", 1), (merchant.HistoryOf(february).Program(MonitoringProgram.VDMP).Status, merchant.HistoryOf(february).Program(MonitoringProgram.VDMP).MonthInProgram));
        Assert.Equal(("exitWindow", 1), (merchant.HistoryOf(March).Program(MonitoringProgram.VDMP).Status, merchant.HistoryOf(March).Program(MonitoringProgram.VDMP).MonthInProgram));
        Assert.Null(merchant.HistoryOf(April).Program(MonitoringProgram.ECM).Ratio);
        Assert.Equal(("notInProgram", 0), (merchant.HistoryOf(April).Program(MonitoringProgram.ECM).Status, merchant.HistoryOf(April).Program(MonitoringProgram.ECM).MonthInProgram));

        var other = await backOffice.MerchantAsync(aprilOnly);
        Assert.Equal(("2024-04", "2024-04"), (other.LastClosedMonth, Assert.Single(other.History).Month));
    }

    [Fact]
    public async Task HistoryKeepsTheLastTwentyFourMonths()
    {
        var first = new YearMonth(2022, 1);
        var last = first.AddMonths(25);
        var clock = new ManualClock(first.Start.AddDays(3));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var backOffice = silo.Client(TestKeys.BackOffice);
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("long");
        var expected = new ExpectedMerchant(merchantId);
        await RecordVdmpMonthAsync(backOffice, expected, merchantId, first, sales: 9_000, disputes: 150);

        clock.MoveTo(last.End.AddHours(1));
        Assert.Equal((last.ToString(), 1, 1, 0, string.Empty), (await admin.CloseMonthAsync(last)).Summary);

        var outcomes = expected.CloseThrough(last);
        Assert.Equal(26, outcomes.Count);
        var merchant = await backOffice.MerchantAsync(merchantId);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => last.AddMonths(-i).ToString()), merchant.History.Select(h => h.Month));
        foreach (var outcome in outcomes.Skip(2))
        {
            foreach (var program in outcome.Programs)
            {
                MerchantApi.AssertMatches(program, merchant.HistoryOf(outcome.Month).Program(program.Program), outcome.Month.ToString());
            }
        }

        foreach (var program in outcomes[^1].Programs)
        {
            MerchantApi.AssertMatches(program, merchant.Program(program.Program));
        }
    }

    [Fact]
    public async Task TheReminderClosesEachMonthOnceItsGracePeriodHasPassed()
    {
        var clock = new ManualClock(March.Start.AddDays(9));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock, ManualReminders = true });
        using var backOffice = silo.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId("reminder");
        var expected = new ExpectedMerchant(merchantId);
        await RecordVdmpMonthAsync(backOffice, expected, merchantId, March, sales: 5_000, disputes: 100);

        // Within the grace period the month stays open (disputes dated in its last days still count in it).
        clock.MoveTo(March.End + Grace - TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var open = await backOffice.MerchantAsync(merchantId);
        Assert.Null(open.LastClosedMonth);
        var lateInGrace = await backOffice.RecordAsync(MerchantApi.Disputes, MerchantApi.Dispute(MerchantApi.NewId("dsp"), merchantId, CardNetwork.Visa, 5_000, "USD", MerchantApi.Day(March, 31)));
        Assert.False(lateInGrace.Late);
        expected.Dispute(March, CardNetwork.Visa, new Money(5_000, "USD"));

        clock.MoveTo(March.End + Grace + TimeSpan.FromMinutes(1));
        var closesAt = clock.Now;
        var merchant = await backOffice.WaitForCloseAsync(merchantId, March, TimeSpan.FromSeconds(30));
        var march = Assert.Single(expected.CloseThrough(March));
        var history = Assert.Single(merchant.History);
        Assert.Equal(closesAt, history.ClosedAt);
        MerchantApi.AssertMatches(expected.ClosedTotals[March], history.Totals);
        Assert.Equal(101, history.Totals.Visa.Disputes);
        foreach (var program in march.Programs)
        {
            MerchantApi.AssertMatches(program, history.Program(program.Program), "2024-03");
            MerchantApi.AssertMatches(program, merchant.Program(program.Program));
        }

        // The reminder moved on to April's close; a silo down for months catches up, empty months included.
        await backOffice.RecordAsync(MerchantApi.Disputes, MerchantApi.Dispute(MerchantApi.NewId("dsp"), merchantId, CardNetwork.Visa, 5_000, "USD", MerchantApi.Day(April, 2)));
        expected.Dispute(April, CardNetwork.Visa, new Money(5_000, "USD"));
        var july = new YearMonth(2024, 7);
        clock.MoveTo(july.End + Grace + TimeSpan.FromHours(2));
        merchant = await backOffice.WaitForCloseAsync(merchantId, july, TimeSpan.FromSeconds(30), passing: clock);
        var outcomes = expected.CloseThrough(july);
        Assert.Equal(["2024-07", "2024-06", "2024-05", "2024-04", "2024-03"], merchant.History.Select(h => h.Month));
        foreach (var outcome in outcomes)
        {
            MerchantApi.AssertMatches(expected.ClosedTotals[outcome.Month], merchant.HistoryOf(outcome.Month).Totals);
            foreach (var program in outcome.Programs)
            {
                MerchantApi.AssertMatches(program, merchant.HistoryOf(outcome.Month).Program(program.Program), outcome.Month.ToString());
            }
        }

        Assert.Equal(("exited", 1), (merchant.HistoryOf(new YearMonth(2024, 6)).Program(MonitoringProgram.VDMP).Status, merchant.HistoryOf(new YearMonth(2024, 6)).Program(MonitoringProgram.VDMP).MonthInProgram));
    }

    [Fact]
    public async Task TheReminderClosesAPreviousMonthRecordedAfterTheRunningOne()
    {
        // A new merchant's first record is for the running month; records for the previous month follow within its
        // grace period. The previous month still closes at its own end plus the grace period.
        var may = new YearMonth(2024, 5);
        var clock = new ManualClock(may.Start.AddDays(1));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock, ManualReminders = true });
        using var backOffice = silo.Client(TestKeys.BackOffice);
        var merchantId = MerchantApi.NewMerchantId("backdated");
        var expected = new ExpectedMerchant(merchantId);
        await RecordVdmpMonthAsync(backOffice, expected, merchantId, may, sales: 2_000, disputes: 5);
        await RecordVdmpMonthAsync(backOffice, expected, merchantId, April, sales: 5_000, disputes: 100);

        clock.MoveTo(April.End + Grace + TimeSpan.FromMinutes(1));
        var merchant = await backOffice.WaitForCloseAsync(merchantId, April, TimeSpan.FromSeconds(30), passing: clock);
        var april = Assert.Single(expected.CloseThrough(April));
        MerchantApi.AssertMatches(expected.ClosedTotals[April], Assert.Single(merchant.History).Totals);
        foreach (var program in april.Programs)
        {
            MerchantApi.AssertMatches(program, merchant.Program(program.Program));
        }

        MerchantApi.AssertMatches(expected.Totals(may), merchant.Totals);
    }

    [Fact]
    public async Task ADurableMonthSurvivesARestartAndClosesAfterIt()
    {
        var clock = new ManualClock(March.Start.AddDays(20));

        // The ids are replayed up to the last silo below, weeks after they were recorded: kept longer than the default week.
        var setup = new SiloSetup
        {
            Clock = clock,
            ConnectionString = await SiloSetup.NewDatabaseAsync("merchant-restart"),
            Extra = new Dictionary<string, string> { ["ActorRisk:Idempotency:Retention"] = "60.00:00:00" },
        };
        var merchantId = MerchantApi.NewMerchantId("durable");
        var expected = new ExpectedMerchant(merchantId);
        var pan = Pans.NewValid();
        var panToken = setup.Tokenizer().Tokenize(pan).Token;
        var panDispute = MerchantApi.Dispute(MerchantApi.NewId("dsp"), merchantId, CardNetwork.Visa, 4_000, "EUR", MerchantApi.Day(March, 15));
        panDispute["pan"] = pan;
        IngestionReply firstAnswer;
        string beforeRestart;

        await using (var before = new SiloFactory(setup))
        {
            using var backOffice = before.Client(TestKeys.BackOffice);
            await RecordVdmpMonthAsync(backOffice, expected, merchantId, March, sales: 5_000, disputes: 100);
            for (var i = 0; i < 11; i++)
            {
                await backOffice.RecordAsync(MerchantApi.Disputes, MerchantApi.Dispute(MerchantApi.NewId("dsp"), merchantId, CardNetwork.Visa, 4_000, "EUR", MerchantApi.Day(March, 14), cardToken: panToken));
                expected.Dispute(March, CardNetwork.Visa, new Money(4_000, "EUR"), cardToken: panToken);
            }

            firstAnswer = await backOffice.RecordAsync(MerchantApi.Disputes, panDispute);
            expected.Dispute(March, CardNetwork.Visa, new Money(4_000, "EUR"), cardToken: panToken);
            await backOffice.RecordAsync(MerchantApi.FraudReports, MerchantApi.FraudReport(MerchantApi.NewId("tc40"), merchantId, CardNetwork.Mastercard, 250_000, "JPY", MerchantApi.Day(March, 16)));
            expected.FraudReport(March, CardNetwork.Mastercard, new Money(250_000, "JPY"));
            beforeRestart = (await backOffice.MerchantReplyAsync(merchantId)).Body;
        }

        await using (var after = new SiloFactory(setup))
        {
            using var backOffice = after.Client(TestKeys.BackOffice);
            using var admin = after.Client();
            Assert.Equal(beforeRestart, (await backOffice.MerchantReplyAsync(merchantId)).Body);
            var running = await backOffice.MerchantAsync(merchantId);
            MerchantApi.AssertMatches(expected.Totals(March), running.Totals);
            Assert.Equal((112L, 110L), (running.Totals.Visa.Disputes, running.Totals.Visa.CountableDisputes));

            Assert.Equal(firstAnswer with { Replayed = true }, await backOffice.RecordAsync(MerchantApi.Disputes, panDispute));
            var changed = panDispute.DeepClone().AsObject();
            changed["amount"] = 4_001;
            SiloApi.AssertProblem(await backOffice.PostReplyAsync(MerchantApi.Disputes, changed), HttpStatusCode.Conflict);
            Assert.Equal(beforeRestart, (await backOffice.MerchantReplyAsync(merchantId)).Body);

            clock.MoveTo(April.Start.AddHours(6));
            Assert.Equal(("2024-03", 1, 1, 0, string.Empty), (await admin.CloseMonthAsync(March)).Summary);
            var march = Assert.Single(expected.CloseThrough(March));
            var merchant = await backOffice.MerchantAsync(merchantId);
            MerchantApi.AssertMatches(expected.ClosedTotals[March], merchant.HistoryOf(March).Totals);
            foreach (var program in march.Programs)
            {
                MerchantApi.AssertMatches(program, merchant.Program(program.Program));
            }

            var late = await backOffice.RecordAsync(MerchantApi.Disputes, MerchantApi.Dispute(MerchantApi.NewId("dsp"), merchantId, CardNetwork.Visa, 4_000, "USD", MerchantApi.Day(March, 30)));
            Assert.True(late.Late);
        }

        await using var third = new SiloFactory(setup);
        using var reader = third.Client(TestKeys.BackOffice);
        var reopened = await reader.MerchantAsync(merchantId);
        Assert.Equal("2024-03", reopened.LastClosedMonth);
        Assert.Equal(new LateReply(0, 1, 0), reopened.HistoryOf(March).Late);
        Assert.Equal(firstAnswer with { Replayed = true }, await reader.RecordAsync(MerchantApi.Disputes, panDispute));
        Assert.Equal(("2024-03", 1, 0, 1, string.Empty), (await third.Client().CloseMonthAsync(March)).Summary);
    }

    [Fact]
    public async Task ADurableMonthCloseReminderSurvivesARestart()
    {
        var clock = new ManualClock(March.Start.AddDays(20));
        var setup = new SiloSetup { Clock = clock, ConnectionString = await SiloSetup.NewDatabaseAsync("merchant-reminder"), ManualReminders = true };
        var merchantId = MerchantApi.NewMerchantId("durable-reminder");
        var expected = new ExpectedMerchant(merchantId);

        await using (var before = new SiloFactory(setup))
        {
            using var backOffice = before.Client(TestKeys.BackOffice);
            await RecordVdmpMonthAsync(backOffice, expected, merchantId, March, sales: 8_000, disputes: 130);
        }

        clock.MoveTo(March.End + Grace + TimeSpan.FromMinutes(10));
        await using var after = new SiloFactory(setup);
        using var reader = after.Client(TestKeys.BackOffice);
        var merchant = await reader.WaitForCloseAsync(merchantId, March, TimeSpan.FromSeconds(30), passing: clock);
        var march = Assert.Single(expected.CloseThrough(March));
        MerchantApi.AssertMatches(expected.ClosedTotals[March], merchant.HistoryOf(March).Totals);
        foreach (var program in march.Programs)
        {
            MerchantApi.AssertMatches(program, merchant.Program(program.Program));
        }
    }

    // Visa sales (card-not-present, USD) and disputes without a card (each one counts) dated in the month's first days.
    private static async Task RecordVdmpMonthAsync(HttpClient client, ExpectedMerchant expected, string merchantId, YearMonth month, long sales, int disputes)
    {
        await client.RecordAsync(MerchantApi.Sales, MerchantApi.SalesBatch(MerchantApi.NewId("batch"), merchantId, CardNetwork.Visa, sales, sales * 6_000, "USD", cardPresent: false, MerchantApi.Day(month, 1)));
        expected.Sales(month, CardNetwork.Visa, sales, new Money(sales * 6_000, "USD"), cardPresent: false);
        await Parallel.ForEachAsync(Enumerable.Range(0, disputes), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var receipt = await client.RecordAsync(MerchantApi.Disputes, MerchantApi.Dispute(MerchantApi.NewId("dsp"), merchantId, CardNetwork.Visa, 5_000, "USD", MerchantApi.Day(month, 1 + (i % 2))));
            Assert.Equal((month.ToString(), false), (receipt.Month, receipt.Late));
        });
        for (var i = 0; i < disputes; i++)
        {
            expected.Dispute(month, CardNetwork.Visa, new Money(5_000, "USD"));
        }
    }

    private static string Without(JsonNode node, string property)
    {
        var copy = node.DeepClone().AsObject();
        copy.Remove(property);
        return copy.ToJsonString();
    }
}
