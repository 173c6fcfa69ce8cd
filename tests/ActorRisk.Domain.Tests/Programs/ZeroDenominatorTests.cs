namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// Issue 16, "zero denominators": a ratio over no sales is undefined, and every tier of every program needs its ratio
/// as well as its count or amount (seed 003: 「件数しきい値と発生率しきい値の両方を満たすことが必須」). So with no sales
/// (VDMP, VFMP), no card-not-present sales (VAMP), or no sales in the previous month (ECM/HECM and EFM: a merchant's
/// first month, or a month after one without sales) there is no entry, no early warning and no projection, however
/// much was counted, and the reason lines say why.
/// </summary>
public sealed class ZeroDenominatorTests
{
    private static readonly YearMonth March2024 = Month.Ym(2024, 3);  // VDMP and VFMP in force
    private static readonly YearMonth June2025 = Month.Ym(2025, 6);   // VAMP 2.2% (no fee yet), ECM, EFM
    private static readonly YearMonth June2026 = Month.Ym(2026, 6);   // VAMP 1.5% with the per-item fee

    // ---- Month close: first month of a merchant, nothing sold, counts far over every count threshold ----

    [Theory]
    [InlineData(80, "80", "count 80 < 100, ")]   // over the early-warning count (75)
    [InlineData(150, "150", "")]                 // over Standard's count (100)
    [InlineData(5_000, "5,000", "")]             // over Excessive's count (1,000)
    public void VdmpFirstMonthWithNoSales(long disputes, string written, string countShortfall)
    {
        var run = new ProgramRun();

        var result = run.Close(Month.Visa(March2024, 0, disputes), MonitoringProgram.VDMP);

        AssertNoEntryNorWarning(result, run, MonitoringProgram.VDMP);
        Assert.Equal($"VDMP 2024-03: {written} disputes / 0 sales this month = undefined (no sales this month).", result.Reasons[0]);
        Assert.Equal($"Below Standard ({countShortfall}ratio undefined: no sales this month).", result.Reasons[1]);
        Assert.Equal(
            $"Ratio undefined: no sales this month. VDMP needs the ratio as well as the count, so {written} disputes alone count as neither an entry nor a warning.",
            result.Reasons[^1]);
    }

    [Fact]
    public void VdmpMonthWithNoSalesAfterMonthsWithSales()
    {
        var run = new ProgramRun();
        run.Close(Month.Visa(March2024, 10_000, 10), MonitoringProgram.VDMP);

        var result = run.Close(Month.Visa(March2024.Next(), 0, 400), MonitoringProgram.VDMP);

        AssertNoEntryNorWarning(result, run, MonitoringProgram.VDMP);
        Assert.Equal("Below Standard (ratio undefined: no sales this month).", result.Reasons[1]);
    }

    [Fact]
    public void VdmpCountsCardPresentSalesSoNoCardNotPresentSalesIsStillARatio()
    {
        // VDMP divides by all sales: a card-present-only month has a ratio (150 / 10,000 = 1.5%) and enters.
        var month = Month.Of(March2024, visa: new NetworkMonthTotals { CardPresentSalesCount = 10_000, DisputeCount = 150, CountableDisputeCount = 150 });

        var result = new ProgramRun().Close(month, MonitoringProgram.VDMP);

        Assert.Equal(0.015m, result.Metric.Ratio);
        Assert.Equal(ProgramStatus.Enforcement, result.Status);
        Assert.Equal("Standard", result.Tier);
    }

    [Theory]
    [InlineData(60_000, "USD 60,000.00", "amount USD 60,000.00 < USD 75,000.00, ")]   // over the early-warning amount (USD 50,000)
    [InlineData(100_000, "USD 100,000.00", "")]                                      // over Standard's amount (USD 75,000)
    [InlineData(300_000, "USD 300,000.00", "")]                                      // over Excessive's amount (USD 250,000)
    public void VfmpFirstMonthWithNoSales(int fraudUsd, string written, string amountShortfall)
    {
        var run = new ProgramRun();

        var result = run.Close(Month.VisaFraud(March2024, 0m, fraudUsd), MonitoringProgram.VFMP);

        AssertNoEntryNorWarning(result, run, MonitoringProgram.VFMP);
        Assert.Equal($"VFMP 2024-03: {written} fraud (10 reports) / USD 0.00 sales this month = undefined (no sales this month).", result.Reasons[0]);
        Assert.Equal($"Below Standard ({amountShortfall}ratio undefined: no sales this month).", result.Reasons[1]);
        Assert.Equal(
            $"Ratio undefined: no sales this month. VFMP needs the ratio as well as the count, so {written} fraud alone count as neither an entry nor a warning.",
            result.Reasons[^1]);
    }

    [Theory]
    [InlineData(2025, 6, 0)]        // 2.2% version, fees not yet due
    [InlineData(2026, 6, 0)]        // 1.5% version with the USD 8 fee
    [InlineData(2026, 6, 50_000)]   // card-present sales do not make a VAMP denominator
    public void VampWithNoCardNotPresentSales(int year, int month, long cardPresentSales)
    {
        var run = new ProgramRun();
        var totals = Month.Vamp(Month.Ym(year, month), cardNotPresentSales: 0, fraudReports: 1_000, disputes: 1_000, cardPresentSales: cardPresentSales);

        var result = run.Close(totals, MonitoringProgram.VAMP);

        AssertNoEntryNorWarning(result, run, MonitoringProgram.VAMP);
        Assert.Equal(
            $"VAMP {Month.Ym(year, month)}: 2,000 fraud reports and disputes / 0 card-not-present sales this month = undefined (no card-not-present sales this month).",
            result.Reasons[0]);
        Assert.Equal("Below Excessive (ratio undefined: no card-not-present sales this month).", result.Reasons[1]);
        Assert.Equal(
            "Ratio undefined: no card-not-present sales this month. VAMP needs the ratio as well as the count, so 2,000 fraud reports and disputes alone count as neither an entry nor a warning.",
            result.Reasons[^1]);
    }

    [Fact]
    public void VampEnumerationWithNoAuthorizationsIsNotIdentified()
    {
        var month = Month.Of(June2026, visa: new NetworkMonthTotals { EnumeratedAuthorizationCount = 400_000 });

        var result = new ProgramRun().Close(month, MonitoringProgram.VAMPEnumeration);

        Assert.Null(result.Metric.Ratio);
        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
        Assert.Equal("Below Excessive enumeration (ratio undefined: no authorizations this month).", result.Reasons[1]);
    }

    [Theory]
    [InlineData(150, "150", false)]         // ECM's count (100), first month of the merchant
    [InlineData(150, "150", true)]          // ECM's count, previous month closed with no sales
    [InlineData(400, "400", false)]         // HECM's count (300)
    [InlineData(400, "400", true)]
    [InlineData(10_000, "10,000", true)]
    public void EcmAndHecmWithNoSalesLastMonth(long chargebacks, string written, bool previousMonthClosedEmpty)
    {
        var run = previousMonthClosedEmpty ? new ProgramRun(previous: Month.Empty(June2025.Previous())) : new ProgramRun();

        var result = run.Close(Month.Mastercard(June2025, 50_000, chargebacks), MonitoringProgram.ECM);

        AssertNoEntryNorWarning(result, run, MonitoringProgram.ECM);
        Assert.Equal($"ECM 2025-06: {written} chargebacks / 0 sales in the previous month = undefined (no sales last month).", result.Reasons[0]);
        Assert.Equal("Below Excessive Chargeback Merchant (ECM) (ratio undefined: no sales last month).", result.Reasons[1]);
        Assert.Equal(
            $"Ratio undefined: no sales last month. ECM needs the ratio as well as the count, so {written} chargebacks alone count as neither an entry nor a warning.",
            result.Reasons[^1]);
    }

    [Fact]
    public void EcmAfterAMonthWithoutSalesInTheMiddleOfTrading()
    {
        var run = new ProgramRun(previous: Month.Mastercard(Month.Ym(2025, 4), 10_000, 0));
        run.Close(Month.Mastercard(Month.Ym(2025, 5), 0, 10), MonitoringProgram.ECM);

        var result = run.Close(Month.Mastercard(June2025, 10_000, 500), MonitoringProgram.ECM);

        AssertNoEntryNorWarning(result, run, MonitoringProgram.ECM);
        Assert.Equal("Below Excessive Chargeback Merchant (ECM) (ratio undefined: no sales last month).", result.Reasons[1]);
    }

    [Fact]
    public void EcmWithNoSalesThisMonthButSalesLastMonthIsStillARatio()
    {
        // Mastercard divides by last month's sales: a merchant that stopped selling still has a ratio, 200 / 10,000 = 2%.
        var run = new ProgramRun(previous: Month.Mastercard(June2025.Previous(), 10_000, 0));

        var result = run.Close(Month.Mastercard(June2025, 0, 200), MonitoringProgram.ECM);

        Assert.Equal(0.02m, result.Metric.Ratio);
        Assert.Equal(ProgramStatus.Enforcement, result.Status);
        Assert.Equal("ECM", result.Tier);
    }

    [Theory]
    [InlineData(false)]   // first month of the merchant
    [InlineData(true)]    // previous month closed with no sales
    public void EfmWithNoSalesLastMonth(bool previousMonthClosedEmpty)
    {
        var run = previousMonthClosedEmpty ? new ProgramRun(previous: Month.Empty(June2025.Previous())) : new ProgramRun();

        var result = run.Close(Month.MastercardFraud(June2025, 10_000, 0, 600, 600_000m), MonitoringProgram.EFM);

        AssertNoEntryNorWarning(result, run, MonitoringProgram.EFM);
        Assert.Equal(
            "EFM 2025-06: 600 fraud chargebacks (USD 600,000.00) / 0 sales in the previous month = undefined (no sales last month); 3-D Secure on 0.00% of card-not-present sales.",
            result.Reasons[0]);
        Assert.Equal("Below Excessive Fraud Merchant (ratio undefined: no sales last month, previous-month sales 0 < 1,000).", result.Reasons[1]);
        Assert.Equal(
            "Ratio undefined: no sales last month. EFM needs the ratio as well as the count, so 600 fraud chargebacks alone count as neither an entry nor a warning.",
            result.Reasons[^1]);
    }

    [Fact]
    public void NothingSoldAndNothingCountedSaysOnlyWhatIsShort()
    {
        var outcome = new ProgramRun().Close(Month.Empty(March2024));

        Assert.All(outcome.Programs, r =>
        {
            Assert.Equal(ProgramStatus.NotInProgram, r.Status);
            Assert.Null(r.Metric.Ratio);
            Assert.Contains($"ratio undefined: {r.Metric.UndefinedRatioReason}", r.Reasons[1], StringComparison.Ordinal);
            Assert.DoesNotContain(r.Reasons, line => line.StartsWith("Ratio undefined", StringComparison.Ordinal));
        });
    }

    // ---- Month close while in a program ----

    [Fact]
    public void VdmpInTheProgramAMonthWithNoSalesIsAMonthBelow()
    {
        var run = new ProgramRun();
        run.Close(Month.Visa(March2024, 10_000, 150), MonitoringProgram.VDMP);

        var result = run.Close(Month.Visa(March2024.Next(), 0, 150), MonitoringProgram.VDMP);

        Assert.Equal(ProgramStatus.ExitWindow, result.Status);
        Assert.Equal(ProgramTransition.WentBelow, result.Transition);
        Assert.Equal(1, result.MonthInProgram);
        Assert.True(result.Fine.IsZero);
        Assert.Equal(2, result.MonthsBelowToExit);
        Assert.Equal("Below Standard (ratio undefined: no sales this month).", result.Reasons[1]);
        Assert.StartsWith("Ratio undefined: no sales this month.", result.Reasons[^1], StringComparison.Ordinal);
        Assert.Equal(1, run.State.Standing(MonitoringProgram.VDMP).ConsecutiveMonthsBelow);
    }

    [Fact]
    public void EcmInTheProgramChargebacksOverNoSalesDoNotCountTowardExit()
    {
        // Mastercard counts a month toward exit only when the ratio is below 1.5%: over no sales it cannot be shown to be.
        var run = new ProgramRun(previous: Month.Mastercard(June2025.Previous(), 10_000, 0));
        run.Close(Month.Mastercard(June2025, 0, 200), MonitoringProgram.ECM);

        var result = run.Close(Month.Mastercard(June2025.Next(), 0, 150), MonitoringProgram.ECM);

        Assert.Equal(ProgramStatus.ExitWindow, result.Status);
        Assert.Equal(ProgramTransition.WentBelow, result.Transition);
        Assert.Equal("ECM", result.Tier);
        Assert.Equal(1, result.MonthInProgram);
        Assert.True(result.Fine.IsZero);
        Assert.Equal(3, result.MonthsBelowToExit);
        Assert.Equal("Below Excessive Chargeback Merchant (ECM) (ratio undefined: no sales last month).", result.Reasons[1]);
        Assert.Equal(
            "The ratio is undefined (no sales last month) with 150 chargebacks, so it is not below 1.50%: this month does not count toward exit, and the run of months below starts again.",
            result.Reasons[2]);
        Assert.Equal(0, run.State.Standing(MonitoringProgram.ECM).ConsecutiveMonthsBelow);
    }

    [Fact]
    public void EcmInTheProgramAMonthWithNothingSoldAndNothingChargedBackCountsTowardExit()
    {
        var run = new ProgramRun(previous: Month.Mastercard(June2025.Previous(), 10_000, 0));
        run.Close(Month.Mastercard(June2025, 0, 200), MonitoringProgram.ECM);

        var result = run.Close(Month.Empty(June2025.Next()), MonitoringProgram.ECM);

        Assert.Equal(ProgramStatus.ExitWindow, result.Status);
        Assert.Equal(2, result.MonthsBelowToExit);
        Assert.Equal(1, run.State.Standing(MonitoringProgram.ECM).ConsecutiveMonthsBelow);
    }

    // ---- The running month's projection ----

    [Theory]
    [InlineData(40)]    // 120 at month end at this pace: over Standard's count
    [InlineData(120)]   // already over Standard's count
    public void VdmpProjectionWithNoSalesSoFar(long disputes)
    {
        var projection = Project(Month.Ym(2024, 6), Month.Visa(Month.Ym(2024, 6), 0, disputes), null, MonitoringProgram.VDMP);

        AssertNoProjection(projection);
        Assert.Equal("Ratio undefined: no sales this month so far. VDMP Standard needs the ratio as well as the count, so there is no projection until there are some.", projection.Reasons[1]);
    }

    [Fact]
    public void VfmpProjectionWithNoSalesSoFar()
    {
        var projection = Project(Month.Ym(2024, 6), Month.VisaFraud(Month.Ym(2024, 6), 0m, 100_000m), null, MonitoringProgram.VFMP);

        AssertNoProjection(projection);
        Assert.Equal("Ratio undefined: no sales this month so far. VFMP Standard needs the ratio as well as the count, so there is no projection until there are some.", projection.Reasons[1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30_000)]
    public void VampProjectionWithNoCardNotPresentSalesSoFar(long cardPresentSales)
    {
        var projection = Project(June2026, Month.Vamp(June2026, 0, 400, 200, cardPresentSales), null, MonitoringProgram.VAMP);

        AssertNoProjection(projection);
        Assert.Equal(1_800, projection.AtMonthEnd.Count);
        Assert.Equal(
            "Ratio undefined: no card-not-present sales this month so far. VAMP Excessive needs the ratio as well as the count, so there is no projection until there are some.",
            projection.Reasons[1]);
    }

    [Theory]
    [InlineData(60, false)]    // the fresh demo merchant: 180 chargebacks at month end, first month
    [InlineData(60, true)]
    [InlineData(150, false)]   // already over ECM's count
    [InlineData(400, true)]    // already over HECM's count
    public void EcmProjectionWithNoSalesLastMonth(long chargebacks, bool previousMonthClosedEmpty)
    {
        var previous = previousMonthClosedEmpty ? Month.Empty(June2025.Previous()) : null;

        var projection = Project(June2025, Month.Mastercard(June2025, 5_000, chargebacks), previous, MonitoringProgram.ECM);

        AssertNoProjection(projection);
        Assert.Equal(
            "Ratio undefined: no sales last month. ECM Excessive Chargeback Merchant (ECM) needs the ratio as well as the count, so it cannot be met this month and there is no projection.",
            projection.Reasons[1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EfmProjectionWithNoSalesLastMonth(bool previousMonthClosedEmpty)
    {
        var previous = previousMonthClosedEmpty ? Month.Empty(June2025.Previous()) : null;

        var projection = Project(June2025, Month.MastercardFraud(June2025, 3_000, 0, 300, 300_000m), previous, MonitoringProgram.EFM);

        AssertNoProjection(projection);
        Assert.Equal(
            "Ratio undefined: no sales last month. EFM Excessive Fraud Merchant needs the ratio as well as the count, so it cannot be met this month and there is no projection.",
            projection.Reasons[1]);
        Assert.Equal("Excessive Fraud Merchant cannot be met this month: previous-month sales 0 < 1,000.", projection.Reasons[2]);
    }

    [Fact]
    public void FreshMerchantProjectsNoWarningInAnyProgram()
    {
        // Sales and disputes on both networks this month, nothing before: Visa's ratios are defined, Mastercard's are not.
        var running = Month.Of(June2025, visa: Month.Counts(1_000, 5), mastercard: Month.Counts(1_000, 200));

        var projector = new MonthProjector(ProgramRulebook.Standard(), new ManualClock(June2025.Start.AddDays(10)));
        var projections = projector.Project(new MerchantProfile("fresh"), running, null);

        Assert.Equal(WarningLevel.None, projections.Single(p => p.Program == MonitoringProgram.ECM).Warning);
        Assert.Equal(WarningLevel.None, projections.Single(p => p.Program == MonitoringProgram.EFM).Warning);
        Assert.NotNull(projections.Single(p => p.Program == MonitoringProgram.VAMP).AtMonthEnd.Ratio);
    }

    private static ProgramProjection Project(YearMonth month, MerchantMonthTotals running, MerchantMonthTotals? previous, MonitoringProgram program)
    {
        var projector = new MonthProjector(ProgramRulebook.Standard(), new ManualClock(month.Start.AddDays(10)));
        return projector.Project(new MerchantProfile("m"), running, previous).Single(p => p.Program == program);
    }

    private static void AssertNoProjection(ProgramProjection projection)
    {
        Assert.Null(projection.Current.Ratio);
        Assert.Null(projection.AtMonthEnd.Ratio);
        Assert.Equal(WarningLevel.None, projection.Warning);
        Assert.Null(projection.ItemsToThreshold);
        Assert.Null(projection.AmountToThreshold);
        Assert.DoesNotContain(projection.Reasons, r => r.Contains("would meet", StringComparison.Ordinal) || r.StartsWith("Already over", StringComparison.Ordinal));
    }

    private static void AssertNoEntryNorWarning(ProgramMonthResult result, ProgramRun run, MonitoringProgram program)
    {
        Assert.Null(result.Metric.Ratio);
        Assert.Equal(ProgramStatus.NotInProgram, result.Status);
        Assert.Equal(ProgramTransition.None, result.Transition);
        Assert.Null(result.Tier);
        Assert.Equal(0, result.MonthInProgram);
        Assert.True(result.Fine.IsZero);
        Assert.Empty(result.FineLines);
        Assert.False(run.State.Standing(program).InProgram);
        Assert.Equal(0, run.State.Standing(program).TimesEntered);
    }
}
