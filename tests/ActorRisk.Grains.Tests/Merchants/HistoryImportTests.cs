using ActorRisk.Grains.Merchants;

namespace ActorRisk.Grains.Tests.Merchants;

/// <summary>
/// A merchant's past months imported (issue 16): evaluated in order exactly as the domain's evaluator closes them,
/// idempotent, refusing conflicting totals unless told to replace, evaluating later months again after a replacement,
/// counting missing months as zero, and raising no alerts for the past.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class HistoryImportTests(ClusterFixture fixture)
{
    private static readonly MerchantMonthEvaluator Evaluator = new(ProgramRulebook.Standard());

    private readonly IMerchantGrain merchant = fixture.Client.GetGrain<IMerchantGrain>(Requests.NewId("m"));

    private YearMonth Running => YearMonth.Of(fixture.Clock.GetUtcNow());

    // Fourteen months before the running one: Mastercard enters ECM in the third (130 chargebacks over last month's
    // 8,000 sales), goes below for three months and exits, then enters again; Visa meets VAMP wherever it is in force.
    private static readonly (int Chargebacks, int VisaItems)[] Pattern =
    [
        (40, 500), (90, 800), (130, 2_400), (150, 2_600), (140, 2_500), (60, 900), (70, 700), (50, 600),
        (160, 2_800), (170, 2_900), (180, 3_000), (20, 400), (175, 2_700), (165, 2_600),
    ];

    [Fact]
    public async Task ImportedMonthsComeOutAsTheEvaluatorClosesThemOneAfterAnother()
    {
        var rows = Rows(Running.AddMonths(-Pattern.Length));

        var result = await merchant.ImportHistoryAsync(new HistoryImport(rows));

        Assert.All(result.Rows, r => Assert.Equal(HistoryRowStatus.Imported, r.Status));
        var expected = Evaluator.CloseInOrder(new MerchantProfile(merchant.GetPrimaryKeyString()), Totals(rows), null, MerchantProgramState.New);
        var history = result.Merchant.History;
        Assert.Equal(expected.Select(o => o.Month), history.Select(m => m.Month));
        Assert.All(history, m => Assert.True(m.Imported));
        Structural.AssertEqual(expected.Select(o => o.Programs).ToList(), history.Select(m => m.Programs).ToList());
        Structural.AssertEqual(expected[^1].State, result.Merchant.Programs);
        Assert.Equal(Running.Previous(), result.Merchant.LastClosedMonth);
        Structural.AssertEqual(result.Merchant, await merchant.GetAsync());

        // The pattern is there to exercise a timeline: an entry, an exit and a second entry in ECM.
        var ecm = history.Select(m => m.Programs.Single(p => p.Program == MonitoringProgram.ECM)).ToList();
        Assert.Contains(ecm, p => p.Transition == ProgramTransition.Exited);
        Assert.Equal(2, result.Merchant.Programs.Standing(MonitoringProgram.ECM).TimesEntered);
        Assert.Contains(ecm, p => !p.Fine.IsZero);
    }

    [Fact]
    public async Task TheSameImportAgainChangesNothing()
    {
        var rows = Rows(Running.AddMonths(-Pattern.Length));
        var first = await merchant.ImportHistoryAsync(new HistoryImport(rows));
        var stored = await StoredState.ReadAsync<MerchantHistoryState>(fixture.Silo, "merchant-history", merchant.GetGrainId());

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await merchant.ImportHistoryAsync(new HistoryImport(rows, Replace: true));

        Assert.False(again.Changed);
        Assert.All(again.Rows, r => Assert.Equal(HistoryRowStatus.Unchanged, r.Status));
        Structural.AssertEqual(first.Merchant.History, again.Merchant.History);
        var after = await StoredState.ReadAsync<MerchantHistoryState>(fixture.Silo, "merchant-history", merchant.GetGrainId());
        Structural.AssertEqual(stored, after);
    }

    [Fact]
    public async Task OtherTotalsForAnImportedMonthAreAConflictAndTheWholeImportIsRefused()
    {
        var rows = Rows(Running.AddMonths(-Pattern.Length));
        await merchant.ImportHistoryAsync(new HistoryImport(rows));
        var before = await merchant.GetAsync();
        var changed = rows.SetItem(4, rows[4] with { DisputeCount = rows[4].DisputeCount + 1 });
        var added = changed.Add(rows[0] with { Month = rows[0].Month.Previous() });

        var result = await merchant.ImportHistoryAsync(new HistoryImport(added));

        Assert.False(result.Changed);
        var conflict = result.Rows[4];
        Assert.Equal((HistoryRowStatus.Refused, RecordProblemKind.Conflict, "month"), (conflict.Status, conflict.Problem!.Kind, conflict.Problem.Field));
        Assert.Contains(rows[4].Month.ToString(), conflict.Problem.Reason, StringComparison.Ordinal);
        Structural.AssertEqual(before.History, (await merchant.GetAsync()).History);
    }

    [Fact]
    public async Task ReplacingAMonthEvaluatesTheLaterMonthsAgain()
    {
        var rows = Rows(Running.AddMonths(-Pattern.Length));
        var first = await merchant.ImportHistoryAsync(new HistoryImport(rows));

        // Month 3 (the first ECM entry) with few chargebacks: ECM is entered a month later, so every later month in
        // the program moves back by one.
        var third = rows.Select((r, i) => (r, i)).First(x => x.r.Network == CardNetwork.Mastercard && x.r.DisputeCount == 130).i;
        var replaced = rows.SetItem(third, rows[third] with { DisputeCount = 10, DisputeAmount = Money.Usd(100m) });
        var result = await merchant.ImportHistoryAsync(new HistoryImport(replaced, Replace: true));

        Assert.Equal(HistoryRowStatus.Replaced, result.Rows[third].Status);
        Assert.Equal(rows.Length - 1, result.Rows.Count(r => r.Status == HistoryRowStatus.Unchanged));
        Assert.Equal(rows[third].Month, result.Evaluated[0]);
        Assert.Equal(Running.Previous(), result.Evaluated[^1]);
        var expected = Evaluator.CloseInOrder(new MerchantProfile(merchant.GetPrimaryKeyString()), Totals(replaced), null, MerchantProgramState.New);
        Structural.AssertEqual(expected.Select(o => o.Programs).ToList(), result.Merchant.History.Select(m => m.Programs).ToList());
        var month = rows[third].Month.Next();
        Assert.Equal(
            EcmIn(first.Merchant, month).MonthInProgram - 1,
            EcmIn(result.Merchant, month).MonthInProgram);
    }

    [Fact]
    public async Task MissingMonthsCountAsZeroAndTheMonthsUpToNowCloseEmpty()
    {
        var start = Running.AddMonths(-6);
        var rows = Rows(start).Where(r => r.Month == start || r.Month == start.AddMonths(2)).ToImmutableArray();

        var result = await merchant.ImportHistoryAsync(new HistoryImport(rows));

        var history = result.Merchant.History;
        Assert.Equal(Enumerable.Range(0, 6).Select(start.AddMonths), history.Select(m => m.Month));
        Assert.Equal([true, false, true, false, false, false], history.Select(m => m.Imported));
        Assert.Equal(MerchantMonthTotals.Empty(start.Next()), history[1].Totals);
        var expected = Evaluator.CloseInOrder(
            new MerchantProfile(merchant.GetPrimaryKeyString()),
            [.. history.Select(m => m.Imported ? m.Totals : MerchantMonthTotals.Empty(m.Month))],
            null,
            MerchantProgramState.New);
        Structural.AssertEqual(expected[^1].State, result.Merchant.Programs);
    }

    [Fact]
    public async Task TheRunningMonthIsLiveAndCannotBeImported()
    {
        var rows = Rows(Running.AddMonths(-1)).Take(2).ToImmutableArray();
        var running = rows.Select(r => r with { Month = Running }).ToImmutableArray();

        var result = await merchant.ImportHistoryAsync(new HistoryImport([.. rows, .. running], AllOrNothing: false));

        Assert.Equal([HistoryRowStatus.Imported, HistoryRowStatus.Imported, HistoryRowStatus.Refused, HistoryRowStatus.Refused], result.Rows.Select(r => r.Status));
        Assert.Equal("month", result.Rows[2].Problem!.Field);
        Assert.Contains($"not before {Running}", result.Rows[2].Problem!.Reason, StringComparison.Ordinal);
        Assert.Equal(Running.Previous(), Assert.Single(result.Merchant.History).Month);
    }

    [Fact]
    public async Task ImpossibleTotalsAreRefusedWithTheFieldAtFault()
    {
        var row = Rows(Running.AddMonths(-2))[0];
        var bad = ImmutableArray.Create(
            row with { CardNotPresentSalesCount = row.SalesCount + 1 },
            row with { Network = CardNetwork.Mastercard, SalesAmount = new Money(1_000, "CHF") },
            row with { Month = row.Month.Next(), FraudDisputeCount = 1 },
            row with { Month = MerchantSettings.RulebookStart.Previous() });

        var result = await merchant.ImportHistoryAsync(new HistoryImport(bad, AllOrNothing: false));

        Assert.Equal(["cardNotPresentSalesCount", "salesAmount.currency", "fraudDisputeAmount", "month"], result.Rows.Select(r => r.Problem!.Field));
        Assert.False(result.Changed);
        Assert.False(result.Merchant.Known);
    }

    [Fact]
    public async Task ImportedMonthsRaiseNoAlerts()
    {
        var alerts = fixture.Silo.GetRequiredService<RecordingAlertSink>();
        var id = merchant.GetPrimaryKeyString();

        var result = await merchant.ImportHistoryAsync(new HistoryImport(Rows(Running.AddMonths(-Pattern.Length))));

        Assert.Contains(result.Merchant.History.SelectMany(m => m.Programs), p => p.Transition == ProgramTransition.Entered);
        Assert.DoesNotContain(alerts.Alerts, a => a.MerchantId == id && a.Kind is MerchantAlertKind.ProgramEntered or MerchantAlertKind.ProgramExited or MerchantAlertKind.ProgramResumed);
    }

    [Fact]
    public async Task MonthsClosedEmptyAfterTheImportedOnesRaiseNoAlertsEither()
    {
        var alerts = fixture.Silo.GetRequiredService<RecordingAlertSink>();
        var id = merchant.GetPrimaryKeyString();

        // The pattern ends in ECM; three empty months after it are three months below: an exit, in a month not imported.
        var result = await merchant.ImportHistoryAsync(new HistoryImport(Rows(Running.AddMonths(-Pattern.Length - 3))));

        var exit = result.Merchant.History.Single(m => m.Programs.Any(p => p.Program == MonitoringProgram.ECM && p.Transition == ProgramTransition.Exited && !m.Imported));
        Assert.Equal(MerchantMonthTotals.Empty(exit.Month), exit.Totals);
        Assert.DoesNotContain(alerts.Alerts, a => a.MerchantId == id && a.Kind is MerchantAlertKind.ProgramEntered or MerchantAlertKind.ProgramExited or MerchantAlertKind.ProgramResumed);
    }

    [Fact]
    public async Task LeavingOutAnOptionalPartOrSendingItsDefaultIsTheSameRow()
    {
        var rows = Rows(Running.AddMonths(-2)).Take(2).ToImmutableArray();
        await merchant.ImportHistoryAsync(new HistoryImport(rows));
        var stated = rows.Select(r => r.WithDefaults()).ToImmutableArray();

        var again = await merchant.ImportHistoryAsync(new HistoryImport(stated));

        Assert.All(again.Rows, r => Assert.Equal(HistoryRowStatus.Unchanged, r.Status));
    }

    [Fact]
    public async Task TheSameImportAfterOneThatFailedPastItsHistoryWriteFinishesIt()
    {
        // The history is stored but its answer lost: the months after it were not closed, nor the summary written.
        var rows = Rows(Running.AddMonths(-Pattern.Length - 2));
        fixture.Silo.GetRequiredService<StorageFaults>().FailNextWrite(merchant.GetGrainId(), WriteFault.AfterStoring);
        var failed = await Assert.ThrowsAsync<OrleansException>(() => merchant.ImportHistoryAsync(new HistoryImport(rows)));
        Assert.IsType<InjectedStorageFaultException>(failed.InnerException);
        Assert.Equal(Running.AddMonths(-3), (await merchant.GetAsync()).LastClosedMonth);

        var retry = await merchant.ImportHistoryAsync(new HistoryImport(rows));

        Assert.All(retry.Rows, r => Assert.Equal(HistoryRowStatus.Unchanged, r.Status));
        Assert.Equal(Running.Previous(), retry.Merchant.LastClosedMonth);
        var summary = await StoredState.ReadAsync<MerchantSummary>(fixture.Silo, MerchantSummary.StateName, merchant.GetGrainId(), StorageNames.MerchantSummaries);
        Assert.Equal(Running.Previous(), summary!.LastClosedMonth);
        Assert.NotNull(await fixture.Silo.GetRequiredService<IReminderTable>().ReadRow(merchant.GetGrainId(), MerchantGrain.MonthCloseReminder));
    }

    private static ProgramMonthResult EcmIn(MerchantSnapshot snapshot, YearMonth month) =>
        snapshot.History.Single(m => m.Month == month).Programs.Single(p => p.Program == MonitoringProgram.ECM);

    private static ImmutableArray<ReportedMonth> Rows(YearMonth first)
    {
        var rows = ImmutableArray.CreateBuilder<ReportedMonth>();
        for (var i = 0; i < Pattern.Length; i++)
        {
            var month = first.AddMonths(i);
            var (chargebacks, visaItems) = Pattern[i];
            rows.Add(new ReportedMonth
            {
                Month = month,
                Network = CardNetwork.Visa,
                SalesCount = 110_000,
                SalesAmount = Money.Usd(110_000 * 42m),
                CardNotPresentSalesCount = 100_000,
                DisputeCount = visaItems / 2,
                DisputeAmount = Money.Usd(visaItems / 2 * 40m),
                FraudReportCount = visaItems - (visaItems / 2),
                FraudReportAmount = Money.Usd((visaItems - (visaItems / 2)) * 40m),
            });
            rows.Add(new ReportedMonth
            {
                Month = month,
                Network = CardNetwork.Mastercard,
                SalesCount = 8_000,
                SalesAmount = Money.Usd(8_000 * 85m),
                CardNotPresentSalesCount = 8_000,
                DisputeCount = chargebacks,
                DisputeAmount = Money.Usd(chargebacks * 60m),
                FraudReportAmount = Money.Usd(0m),
            });
        }

        return rows.ToImmutable();
    }

    private static List<MerchantMonthTotals> Totals(ImmutableArray<ReportedMonth> rows) =>
        [.. rows.GroupBy(r => r.Month).OrderBy(g => g.Key).Select(g => new MerchantMonthTotals(
            g.Key,
            g.SingleOrDefault(r => r.Network == CardNetwork.Visa)?.ToTotals(ExchangeRateTable.UsdOnly) ?? NetworkMonthTotals.Empty,
            g.SingleOrDefault(r => r.Network == CardNetwork.Mastercard)?.ToTotals(ExchangeRateTable.UsdOnly) ?? NetworkMonthTotals.Empty))];
}
