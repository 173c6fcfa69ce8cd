namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// DESIGN.md: a merchant in EFM and ECM in the same month pays only EFM. ECM's fine is zero with a waiver line; EFM's
/// stands; fines to date accumulate per program and currency (ECM in USD, EFM in EUR).
/// </summary>
public sealed class FinePrecedenceTests
{
    private static readonly YearMonth FirstMonth = Month.Ym(2025, 1);

    // 200 chargebacks (60 of them fraud, USD 60,000) / 10,000 previous-month sales: ECM 2% and EFM 0.6%.
    private static MerchantMonthTotals Both(YearMonth m) => Month.MastercardFraud(m, 10_000, 500, 60, 60_000m, chargebacks: 200);

    // 200 chargebacks, 10 fraud: ECM only.
    private static MerchantMonthTotals EcmOnly(YearMonth m) => Month.MastercardFraud(m, 10_000, 500, 10, 10_000m, chargebacks: 200);

    private static ProgramRun NewRun() => new(previous: Month.MastercardFraud(FirstMonth.Previous(), 10_000, 0, 0, 0m));

    [Fact]
    public void EcmFineIsWaivedWhenBothAreIdentified()
    {
        var run = NewRun();
        run.Close(Both(FirstMonth));

        var outcome = run.Close(Both(FirstMonth.Next()));
        var ecm = outcome.For(MonitoringProgram.ECM)!;
        var efm = outcome.For(MonitoringProgram.EFM)!;

        Assert.Equal(ProgramStatus.Enforcement, ecm.Status);
        Assert.Equal(2, ecm.MonthInProgram);
        Assert.Equal(Money.Usd(0m), ecm.Fine);
        var waiver = Assert.Single(ecm.FineLines);
        Assert.True(waiver.Amount.IsZero);
        Assert.Contains("waived", waiver.Label, StringComparison.Ordinal);
        Assert.Contains("USD 1,000.00", waiver.Label, StringComparison.Ordinal);
        Assert.Contains(ecm.Reasons, r => r.Contains("waived", StringComparison.Ordinal));

        Assert.Equal(ProgramStatus.Enforcement, efm.Status);
        Assert.Equal(Money.Eur(500m), efm.Fine);
        Assert.Equal(Money.Eur(500m), Assert.Single(outcome.TotalFines));
    }

    [Fact]
    public void MonthOneWithNothingToWaiveHasNoWaiverLine()
    {
        var outcome = NewRun().Close(Both(FirstMonth));
        var ecm = outcome.For(MonitoringProgram.ECM)!;

        Assert.Empty(ecm.FineLines);
        Assert.DoesNotContain(ecm.Reasons, r => r.Contains("waived", StringComparison.Ordinal));
        Assert.Empty(outcome.TotalFines);
    }

    [Fact]
    public void FinesToDateAccumulatePerProgramAndCurrency()
    {
        // Months: ECM only x3 (ECM 1-3: 0, 1,000, 1,000 USD); both x3 (ECM 4-6 waived, EFM 1-3: 0, 500, 1,000 EUR);
        // ECM only (ECM month 7: 25,000 USD, EFM below).
        var run = NewRun();
        var months = new Func<YearMonth, MerchantMonthTotals>[] { EcmOnly, EcmOnly, EcmOnly, Both, Both, Both, EcmOnly };
        var outcomes = months.Select((build, i) => run.Close(build(FirstMonth.AddMonths(i)))).ToList();

        var ecm = outcomes.Select(o => o.For(MonitoringProgram.ECM)!).ToList();
        var efm = outcomes.Select(o => o.For(MonitoringProgram.EFM)!).ToList();

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], ecm.Select(r => r.MonthInProgram));
        Assert.Equal([0m, 1_000m, 1_000m, 0m, 0m, 0m, 25_000m], ecm.Select(r => r.Fine.ToMajor()));
        Assert.Equal([0m, 1_000m, 2_000m, 2_000m, 2_000m, 2_000m, 27_000m], ecm.Select(r => r.FinesToDate.ToMajor()));
        Assert.All(ecm, r => Assert.Equal("USD", r.FinesToDate.Currency));

        Assert.Equal(
            [ProgramStatus.NotInProgram, ProgramStatus.NotInProgram, ProgramStatus.NotInProgram,
             ProgramStatus.Enforcement, ProgramStatus.Enforcement, ProgramStatus.Enforcement, ProgramStatus.ExitWindow],
            efm.Select(r => r.Status));
        Assert.Equal([0m, 0m, 0m, 0m, 500m, 1_000m, 0m], efm.Select(r => r.Fine.ToMajor()));
        Assert.Equal([0m, 0m, 0m, 0m, 500m, 1_500m, 1_500m], efm.Select(r => r.FinesToDate.ToMajor()));
        Assert.All(efm, r => Assert.Equal("EUR", r.FinesToDate.Currency));

        // Month 4: EFM's month-1 fine is zero, yet only EFM's fines apply: ECM's USD 5,000 is waived.
        Assert.Contains(ecm[3].Reasons, r => r.Contains("waived", StringComparison.Ordinal));

        // Month totals by currency.
        Assert.Equal(Money.Usd(1_000m), Assert.Single(outcomes[1].TotalFines));
        Assert.Empty(outcomes[3].TotalFines);
        Assert.Equal(Money.Eur(1_000m), Assert.Single(outcomes[5].TotalFines));
        Assert.Equal(Money.Usd(25_000m), Assert.Single(outcomes[6].TotalFines));

        var state = run.State;
        Assert.Equal(Money.Usd(27_000m), state.Standing(MonitoringProgram.ECM).FinesToDateIn("USD"));
        Assert.Equal(Money.Eur(1_500m), state.Standing(MonitoringProgram.EFM).FinesToDateIn("EUR"));
    }

    [Fact]
    public void EfmInTheExitWindowDoesNotWaiveEcm()
    {
        var run = NewRun();
        run.Close(Both(FirstMonth));
        var outcome = run.Close(EcmOnly(FirstMonth.Next()));

        Assert.Equal(ProgramStatus.ExitWindow, outcome.For(MonitoringProgram.EFM)!.Status);
        Assert.Equal(Money.Usd(1_000m), outcome.For(MonitoringProgram.ECM)!.Fine);
    }

    [Fact]
    public void VisaAndMastercardFinesInTheSameMonthAreBothCharged()
    {
        // 2025-10: VAMP (USD 8 x 2,000) and ECM month 2 (USD 1,000) add up; no precedence between networks.
        var run = new ProgramRun(previous: Month.Of(Month.Ym(2025, 9), mastercard: Month.Counts(10_000, 0)));
        var first = Month.Of(Month.Ym(2025, 10), visa: Month.Vamp(Month.Ym(2025, 10), 50_000, 1_000, 1_000).Visa, mastercard: Month.Counts(10_000, 200));
        var second = first with { Month = Month.Ym(2025, 11) };
        run.Close(first);

        var outcome = run.Close(second);

        Assert.Equal(Money.Usd(16_000m + 1_000m), Assert.Single(outcome.TotalFines));
    }

    [Fact]
    public void MonthTotalsKeepCurrenciesApart()
    {
        // 2025-11: VAMP USD 8 x 2,000 and EFM month 2 EUR 500; ECM month 2 (USD 1,000) waived by EFM.
        var run = new ProgramRun(previous: Month.MastercardFraud(Month.Ym(2025, 9), 10_000, 0, 0, 0m));
        var visa = Month.Vamp(Month.Ym(2025, 10), 50_000, 1_000, 1_000).Visa;
        run.Close(Both(Month.Ym(2025, 10)) with { Visa = visa });

        var outcome = run.Close(Both(Month.Ym(2025, 11)) with { Visa = visa });

        Assert.Equal([Money.Usd(16_000m), Money.Eur(500m)], outcome.TotalFines.OrderBy(m => m.Currency, StringComparer.Ordinal).Reverse());
        Assert.True(outcome.For(MonitoringProgram.ECM)!.Fine.IsZero);
    }

    [Fact]
    public void StandardRulebookDeclaresTheEfmOverEcmPrecedence()
    {
        var rule = Assert.Single(ProgramRulebook.Standard().FinePrecedences);

        Assert.Equal(MonitoringProgram.EFM, rule.Dominant);
        Assert.Equal(MonitoringProgram.ECM, rule.Waived);
    }
}
