namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// The program timeline (DESIGN.md section 4): exit after N consecutive months below (VDMP 3; ECM a parameter,
/// default 3); over again during the exit window resumes the timeline, after exit it restarts at month 1;
/// months close in order.
/// </summary>
public sealed class ProgramTimelineTests
{
    private static readonly YearMonth VisaStart = Month.Ym(2023, 1);
    private static readonly YearMonth MastercardStart = Month.Ym(2025, 1);

    private static MerchantMonthTotals VdmpOver(YearMonth m) => Month.Visa(m, 10_000, 200);

    private static MerchantMonthTotals VdmpBelow(YearMonth m) => Month.Visa(m, 10_000, 10);

    private static MerchantMonthTotals EcmOver(YearMonth m) => Month.Mastercard(m, 10_000, 200);

    private static MerchantMonthTotals EcmBelow(YearMonth m) => Month.Mastercard(m, 10_000, 20);

    [Fact]
    public void VdmpExitsAfterExactlyThreeMonthsBelow()
    {
        var results = Run(new ProgramRun(), VisaStart, MonitoringProgram.VDMP, VdmpOver, VdmpBelow, "OOOBBBB");

        Assert.Equal(
            [ProgramStatus.Enforcement, ProgramStatus.Enforcement, ProgramStatus.Enforcement,
             ProgramStatus.ExitWindow, ProgramStatus.ExitWindow, ProgramStatus.Exited, ProgramStatus.NotInProgram],
            results.Select(r => r.Status));
        Assert.Equal(
            [ProgramTransition.Entered, ProgramTransition.Continued, ProgramTransition.Continued,
             ProgramTransition.WentBelow, ProgramTransition.WentBelow, ProgramTransition.Exited, ProgramTransition.None],
            results.Select(r => r.Transition));
        Assert.Equal([1, 2, 3, 3, 3, 3, 0], results.Select(r => r.MonthInProgram));
        Assert.Equal([3, 3, 3, 2, 1, 0, null], results.Select(r => r.MonthsBelowToExit));
        Assert.Equal(["Standard", "Standard", "Standard", "Standard", "Standard", null, null], results.Select(r => r.Tier));
    }

    [Fact]
    public void EarlyWarningMonthsCountAsBelowForExit()
    {
        // 80 disputes / 10,000 = 0.80%: early-warning level, but below Standard.
        var results = Run(new ProgramRun(), VisaStart, MonitoringProgram.VDMP, VdmpOver, m => Month.Visa(m, 10_000, 80), "OBBB");

        Assert.Equal([ProgramStatus.Enforcement, ProgramStatus.ExitWindow, ProgramStatus.ExitWindow, ProgramStatus.Exited], results.Select(r => r.Status));
    }

    [Fact]
    public void OverAgainDuringTheExitWindowResumesTheTimeline()
    {
        // Months 1,2,3 over; 4,5 below; 6 over: month 4 of the program, not month 1.
        var run = new ProgramRun();
        var results = Run(run, VisaStart, MonitoringProgram.VDMP, VdmpOver, VdmpBelow, "OOOBBO");

        var resumed = results[^1];
        Assert.Equal(ProgramStatus.Enforcement, resumed.Status);
        Assert.Equal(ProgramTransition.Resumed, resumed.Transition);
        Assert.Equal(4, resumed.MonthInProgram);
        Assert.Contains(resumed.Reasons, r => r.Contains("resumes at month 4", StringComparison.Ordinal));
        Assert.Equal(1, run.State.Standing(MonitoringProgram.VDMP).TimesEntered);
        Assert.Equal(VisaStart, run.State.Standing(MonitoringProgram.VDMP).EnteredIn);
    }

    [Fact]
    public void ResumingResetsTheMonthsBelow()
    {
        // After resuming, it again takes three months below in a row to exit.
        var results = Run(new ProgramRun(), VisaStart, MonitoringProgram.VDMP, VdmpOver, VdmpBelow, "OBBOBBB");

        Assert.Equal(
            [ProgramStatus.Enforcement, ProgramStatus.ExitWindow, ProgramStatus.ExitWindow, ProgramStatus.Enforcement,
             ProgramStatus.ExitWindow, ProgramStatus.ExitWindow, ProgramStatus.Exited],
            results.Select(r => r.Status));
        Assert.Equal([1, 1, 1, 2, 2, 2, 2], results.Select(r => r.MonthInProgram));
    }

    [Fact]
    public void OverAfterExitRestartsAtMonthOne()
    {
        var run = new ProgramRun();
        var results = Run(run, VisaStart, MonitoringProgram.VDMP, VdmpOver, VdmpBelow, "OOOBBBO");

        var again = results[^1];
        Assert.Equal(ProgramStatus.Enforcement, again.Status);
        Assert.Equal(ProgramTransition.Entered, again.Transition);
        Assert.Equal(1, again.MonthInProgram);
        Assert.Equal(2, run.State.Standing(MonitoringProgram.VDMP).TimesEntered);
        Assert.Equal(VisaStart.AddMonths(6), run.State.Standing(MonitoringProgram.VDMP).EnteredIn);
    }

    [Fact]
    public void OverTheMonthRightAfterExitRestartsAtMonthOneEvenAfterALongTimeline()
    {
        // Five months in (fines started), three below, over again: a new timeline, no fine in its month 1.
        var results = Run(new ProgramRun(), VisaStart, MonitoringProgram.VDMP, VdmpOver, VdmpBelow, "OOOOOBBBO");

        Assert.Equal(Money.Usd(10_000m), results[4].Fine);
        Assert.Equal(1, results[^1].MonthInProgram);
        Assert.True(results[^1].Fine.IsZero);
    }

    [Fact]
    public void EcmExitsAfterThreeMonthsBelowByDefault()
    {
        var run = new ProgramRun(previous: Month.Mastercard(MastercardStart.Previous(), 10_000, 0));
        var results = Run(run, MastercardStart, MonitoringProgram.ECM, EcmOver, EcmBelow, "OOBBB");

        Assert.Equal(
            [ProgramStatus.Enforcement, ProgramStatus.Enforcement, ProgramStatus.ExitWindow, ProgramStatus.ExitWindow, ProgramStatus.Exited],
            results.Select(r => r.Status));
        Assert.Equal([3, 3, 2, 1, 0], results.Select(r => r.MonthsBelowToExit));
    }

    [Fact]
    public void EcmExitMonthsBelowIsAParameter()
    {
        var parameters = new ProgramParameters { EcmExitMonthsBelow = 2 };
        var run = new ProgramRun(parameters: parameters, previous: Month.Mastercard(MastercardStart.Previous(), 10_000, 0));
        var results = Run(run, MastercardStart, MonitoringProgram.ECM, EcmOver, EcmBelow, "OOBBO");

        Assert.Equal(
            [ProgramStatus.Enforcement, ProgramStatus.Enforcement, ProgramStatus.ExitWindow, ProgramStatus.Exited, ProgramStatus.Enforcement],
            results.Select(r => r.Status));
        Assert.Equal([2, 2, 1, 0, 2], results.Select(r => r.MonthsBelowToExit));
        Assert.Equal(ProgramTransition.Entered, results[^1].Transition);
        Assert.Equal(1, results[^1].MonthInProgram);
    }

    [Fact]
    public void EcmExitParameterDoesNotChangeVisaPrograms()
    {
        var parameters = new ProgramParameters { EcmExitMonthsBelow = 2 };
        var results = Run(new ProgramRun(parameters: parameters), VisaStart, MonitoringProgram.VDMP, VdmpOver, VdmpBelow, "OBB");

        Assert.Equal(ProgramStatus.ExitWindow, results[^1].Status);
    }

    [Fact]
    public void EcmResumesDuringTheExitWindow()
    {
        var run = new ProgramRun(previous: Month.Mastercard(MastercardStart.Previous(), 10_000, 0));
        var results = Run(run, MastercardStart, MonitoringProgram.ECM, EcmOver, EcmBelow, "OOOBBO");

        Assert.Equal([1, 2, 3, 3, 3, 4], results.Select(r => r.MonthInProgram));
        Assert.Equal(ProgramTransition.Resumed, results[^1].Transition);

        // Month 4 of the ECM table: USD 5,000.
        Assert.Equal(Money.Usd(5_000m), results[^1].Fine);
    }

    [Fact]
    public void CalendarMonthsSinceEntryCountsMonthsBelowToo()
    {
        var parameters = new ProgramParameters { Counting = TimelineCounting.CalendarMonthsSinceEntry };
        var run = new ProgramRun(parameters: parameters, previous: Month.Mastercard(MastercardStart.Previous(), 10_000, 0));
        var results = Run(run, MastercardStart, MonitoringProgram.ECM, EcmOver, EcmBelow, "OOOBBO");

        Assert.Equal([1, 2, 3, 4, 5, 6], results.Select(r => r.MonthInProgram));
        Assert.Equal(ProgramTransition.Resumed, results[^1].Transition);

        // Calendar month 6 of the ECM table is still the 4-6 band: USD 5,000; the months below cost nothing.
        Assert.Equal([0m, 1_000m, 1_000m, 0m, 0m, 5_000m], results.Select(r => r.Fine.ToMajor()));
    }

    [Fact]
    public void CalendarMonthsSinceEntryReachesTheNextBandSooner()
    {
        var identified = new ProgramRun(previous: Month.Mastercard(MastercardStart.Previous(), 10_000, 0));
        var calendar = new ProgramRun(
            parameters: new ProgramParameters { Counting = TimelineCounting.CalendarMonthsSinceEntry },
            previous: Month.Mastercard(MastercardStart.Previous(), 10_000, 0));

        // O x6, B x2, O x4: months identified reach 10 (7-11 band, USD 25,000); calendar months reach 12 (12-18 band, USD 50,000).
        const string Pattern = "OOOOOOBBOOOO";
        var byIdentified = Run(identified, MastercardStart, MonitoringProgram.ECM, EcmOver, EcmBelow, Pattern);
        var byCalendar = Run(calendar, MastercardStart, MonitoringProgram.ECM, EcmOver, EcmBelow, Pattern);

        Assert.Equal(10, byIdentified[^1].MonthInProgram);
        Assert.Equal(Money.Usd(25_000m), byIdentified[^1].Fine);
        Assert.Equal(12, byCalendar[^1].MonthInProgram);
        Assert.Equal(Money.Usd(50_000m), byCalendar[^1].Fine);
    }

    [Fact]
    public void CalendarCountingAppliesToVdmpToo()
    {
        var parameters = new ProgramParameters { Counting = TimelineCounting.CalendarMonthsSinceEntry };
        var byCalendar = Run(new ProgramRun(parameters: parameters), VisaStart, MonitoringProgram.VDMP, VdmpOver, VdmpBelow, "OOBBO");
        var byIdentified = Run(new ProgramRun(), VisaStart, MonitoringProgram.VDMP, VdmpOver, VdmpBelow, "OOBBO");

        Assert.Equal([1, 2, 3, 4, 5], byCalendar.Select(r => r.MonthInProgram));
        Assert.Equal([1, 2, 2, 2, 3], byIdentified.Select(r => r.MonthInProgram));
    }

    [Fact]
    public void SkippingAMonthThrows()
    {
        var run = new ProgramRun();
        run.Close(VdmpOver(VisaStart));

        var error = Assert.Throws<InvalidOperationException>(() => run.Evaluator.Close(run.Profile, VdmpOver(VisaStart.AddMonths(2)), null, run.State));
        Assert.Contains(VisaStart.Next().ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClosingTheSameMonthTwiceThrows()
    {
        var run = new ProgramRun();
        run.Close(VdmpOver(VisaStart));

        Assert.Throws<InvalidOperationException>(() => run.Evaluator.Close(run.Profile, VdmpOver(VisaStart), null, run.State));
    }

    [Fact]
    public void ClosingAnEarlierMonthThrows()
    {
        var run = new ProgramRun();
        run.Close(VdmpOver(VisaStart));

        Assert.Throws<InvalidOperationException>(() => run.Evaluator.Close(run.Profile, VdmpOver(VisaStart.Previous()), null, run.State));
    }

    [Fact]
    public void PreviousMonthMustBeTheMonthBefore()
    {
        var evaluator = new MerchantMonthEvaluator(ProgramRulebook.Standard());
        var profile = new MerchantProfile("m");

        var error = Assert.Throws<ArgumentException>(() =>
            evaluator.Close(profile, Month.Mastercard(MastercardStart, 10_000, 200), Month.Mastercard(MastercardStart.AddMonths(-2), 10_000, 0), MerchantProgramState.New));
        Assert.Equal("previousMonth", error.ParamName);
        Assert.Throws<ArgumentException>(() =>
            evaluator.Close(profile, Month.Mastercard(MastercardStart, 10_000, 200), Month.Mastercard(MastercardStart, 10_000, 0), MerchantProgramState.New));
    }

    [Fact]
    public void TheFirstCloseMayBeAnyMonthAndTheStateRemembersIt()
    {
        var run = new ProgramRun();

        var outcome = run.Close(VdmpOver(VisaStart));

        Assert.Equal(VisaStart, outcome.Month);
        Assert.Equal(VisaStart, outcome.State.LastClosedMonth);
    }

    /// <summary>Closes one month per character of <paramref name="pattern"/>: O over, B below.</summary>
    private static List<ProgramMonthResult> Run(
        ProgramRun run,
        YearMonth first,
        MonitoringProgram program,
        Func<YearMonth, MerchantMonthTotals> over,
        Func<YearMonth, MerchantMonthTotals> below,
        string pattern) =>
        [.. pattern.Select((c, i) => run.Close(c == 'O' ? over(first.AddMonths(i)) : below(first.AddMonths(i)), program))];
}
