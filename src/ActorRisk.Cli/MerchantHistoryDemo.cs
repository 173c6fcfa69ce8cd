namespace ActorRisk.Cli;

/// <summary>
/// Fourteen closed months of a sample e-commerce merchant on Visa (VDMP) and Mastercard (ECM, previous-month
/// denominator), then a projection for the running month.
/// </summary>
internal static class MerchantHistoryDemo
{
    // Visa disputes per month against 12,000 Visa sales a month; Mastercard chargebacks against the previous month's sales.
    private static readonly (int VisaDisputes, int MastercardSales, int Chargebacks)[] History =
    [
        (60, 8_000, 40), (85, 8_000, 90), (110, 8_000, 130), (125, 8_200, 140), (130, 8_100, 150), (120, 8_000, 110),
        (140, 7_900, 160), (90, 8_300, 80), (95, 8_000, 70), (150, 8_000, 60), (160, 8_100, 50), (170, 8_000, 40),
        (180, 8_000, 30), (175, 8_000, 30),
    ];

    public static void Run()
    {
        var profile = new MerchantProfile("m-gadgets-online", Mcc: "5732");
        var evaluator = new MerchantMonthEvaluator(ProgramRulebook.Standard());
        var state = MerchantProgramState.New;
        var first = new YearMonth(2023, 11);
        MerchantMonthTotals? previous = null;

        var table = new Table().Title($"[bold]{profile.MerchantId}: month close, {first} to {first.AddMonths(History.Length - 1)}[/]")
            .AddColumns("Month", "Program", "Ratio", "Status", "Tier", "Month in program", "Fine", "Fines to date");
        var notes = new List<string>();

        for (var i = 0; i < History.Length; i++)
        {
            var month = first.AddMonths(i);
            var totals = Totals(month, History[i]);
            var outcome = evaluator.Close(profile, totals, previous, state);
            foreach (var result in outcome.Programs.Where(p => p.Program is MonitoringProgram.VDMP or MonitoringProgram.ECM))
            {
                table.AddRow(
                    month.ToString(),
                    result.Program.ToString(),
                    result.Metric.DescribeRatio(),
                    result.Status.ToString(),
                    result.Tier ?? "-",
                    result.MonthInProgram == 0 ? "-" : result.MonthInProgram.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    result.Fine.ToString(),
                    result.FinesToDate.ToString());
                if (result.Transition is not (ProgramTransition.None or ProgramTransition.Continued) || !result.Fine.IsZero)
                {
                    notes.Add($"[bold]{month} {result.Program}[/]: " + Markup.Escape(string.Join(" ", result.Reasons.Skip(2))));
                }
            }

            state = outcome.State;
            previous = totals;
        }

        AnsiConsole.Write(table);
        foreach (var note in notes)
        {
            AnsiConsole.MarkupLine(note);
        }

        var running = first.AddMonths(History.Length);
        var clock = new DemoClock(running.Start.AddDays(10));
        var projector = new MonthProjector(ProgramRulebook.Standard(), clock);
        var soFar = Totals(running, (60, 2_700, 25)).With(CardNetwork.Visa, Totals(running, (60, 0, 0)).Visa with { CardNotPresentSalesCount = 4_000 });
        var projection = new Table().Title($"[bold]Early warning for {running} (day 10): where the month lands at the current pace[/]")
            .AddColumns("Program", "Now", "At month end", "Warning", "More to threshold");
        foreach (var p in projector.Project(profile, soFar, previous))
        {
            projection.AddRow(
                p.Program.ToString(),
                p.Current.DescribeRatio(),
                p.AtMonthEnd.DescribeRatio(),
                p.Warning.ToString(),
                p.ItemsToThreshold?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? p.AmountToThreshold?.ToString() ?? "-");
        }

        AnsiConsole.Write(projection);
        foreach (var p in projector.Project(profile, soFar, previous).Where(p => p.Warning != WarningLevel.None))
        {
            AnsiConsole.MarkupLine($"[bold]{p.Program}[/] {p.Warning}: " + Markup.Escape(string.Join(" ", p.Reasons)));
        }
    }

    private static MerchantMonthTotals Totals(YearMonth month, (int VisaDisputes, int MastercardSales, int Chargebacks) row) =>
        new(month,
            new NetworkMonthTotals
            {
                CardNotPresentSalesCount = 12_000,
                CardNotPresentSalesAmount = Money.Usd(12_000 * 85m),
                DisputeCount = row.VisaDisputes,
                CountableDisputeCount = row.VisaDisputes,
            },
            new NetworkMonthTotals
            {
                CardNotPresentSalesCount = row.MastercardSales,
                CardNotPresentSalesAmount = Money.Usd(row.MastercardSales * 85m),
                DisputeCount = row.Chargebacks,
            });
}
