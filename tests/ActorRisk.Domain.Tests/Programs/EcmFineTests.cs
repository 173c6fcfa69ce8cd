namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// Seed 003 "ECM/HECM fine table" by months above the thresholds: 1 $0; 2 $1,000; 3 $1,000 (HECM $2,000); 4-6 $5,000
/// ($10,000); 7-11 $25,000 ($50,000); 12-18 $50,000 ($100,000); 19+ $100,000 ($200,000); issuer recovery assessment
/// from month 4: $5 per chargeback over 300.
/// </summary>
public sealed class EcmFineTests
{
    private static readonly YearMonth FirstMonth = Month.Ym(2025, 1);

    public static TheoryData<int, long, long> Table => new()
    {
        // month in program, ECM USD, HECM USD
        { 1, 0, 0 },
        { 2, 1_000, 1_000 },
        { 3, 1_000, 2_000 },
        { 4, 5_000, 10_000 },
        { 5, 5_000, 10_000 },
        { 6, 5_000, 10_000 },
        { 7, 25_000, 50_000 },
        { 8, 25_000, 50_000 },
        { 9, 25_000, 50_000 },
        { 10, 25_000, 50_000 },
        { 11, 25_000, 50_000 },
        { 12, 50_000, 100_000 },
        { 13, 50_000, 100_000 },
        { 14, 50_000, 100_000 },
        { 15, 50_000, 100_000 },
        { 16, 50_000, 100_000 },
        { 17, 50_000, 100_000 },
        { 18, 50_000, 100_000 },
        { 19, 100_000, 200_000 },
        { 20, 100_000, 200_000 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void EcmFineByMonthInProgram(int monthInProgram, long ecmUsd, long hecmUsd)
    {
        _ = hecmUsd;

        // 200 chargebacks / 10,000 previous-month sales = 2%: ECM, and under 300 so no issuer recovery.
        var result = Drive(monthInProgram, previousSales: 10_000, chargebacks: 200);

        Assert.Equal(ProgramStatus.Enforcement, result.Status);
        Assert.Equal("ECM", result.Tier);
        Assert.Equal(monthInProgram, result.MonthInProgram);
        Assert.Equal(new Money(ecmUsd * 100, "USD"), result.Fine);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void HecmFineByMonthInProgram(int monthInProgram, long ecmUsd, long hecmUsd)
    {
        _ = ecmUsd;

        // Exactly 300 chargebacks / 5,000 previous-month sales = 6%: HECM; exactly 300 is not over 300, no recovery.
        var result = Drive(monthInProgram, previousSales: 5_000, chargebacks: 300);

        Assert.Equal(ProgramStatus.Enforcement, result.Status);
        Assert.Equal("HECM", result.Tier);
        Assert.Equal(monthInProgram, result.MonthInProgram);
        Assert.Equal(new Money(hecmUsd * 100, "USD"), result.Fine);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void IssuerRecoveryAssessmentFromMonthFour(int monthInProgram, long ecmUsd, long hecmUsd)
    {
        // 350 chargebacks: 50 over 300 x USD 5 = USD 250 from month 4, in both tiers.
        var recovery = monthInProgram >= 4 ? 250 : 0;

        var ecm = Drive(monthInProgram, previousSales: 20_000, chargebacks: 350); // 1.75%: ECM
        var hecm = Drive(monthInProgram, previousSales: 10_000, chargebacks: 350); // 3.5%: HECM

        Assert.Equal("ECM", ecm.Tier);
        Assert.Equal("HECM", hecm.Tier);
        Assert.Equal(new Money((ecmUsd + recovery) * 100, "USD"), ecm.Fine);
        Assert.Equal(new Money((hecmUsd + recovery) * 100, "USD"), hecm.Fine);
    }

    [Fact]
    public void IssuerRecoveryIsItsOwnLine()
    {
        var result = Drive(4, previousSales: 10_000, chargebacks: 350);

        Assert.Equal([Money.Usd(10_000m), Money.Usd(250m)], result.FineLines.Select(l => l.Amount));
        Assert.Contains("over 300", result.FineLines[1].Label, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(300, 0)]
    [InlineData(301, 5)]
    [InlineData(400, 500)]
    public void IssuerRecoveryCountsOnlyChargebacksOver300(long chargebacks, long recoveryUsd)
    {
        var result = Drive(4, previousSales: 10_000, chargebacks: chargebacks);

        Assert.Equal("HECM", result.Tier);
        Assert.Equal(new Money((10_000 + recoveryUsd) * 100, "USD"), result.Fine);
    }

    [Fact]
    public void IssuerRecoveryParametersChangeTheAssessment()
    {
        var parameters = new ProgramParameters { IssuerRecoveryPerChargeback = Money.Usd(7m), IssuerRecoveryOver = 200 };
        var run = new ProgramRun(parameters: parameters, previous: Month.Mastercard(FirstMonth.Previous(), 10_000, 0));

        var result = run.CloseMany(FirstMonth, 4, m => Month.Mastercard(m, 10_000, 350), MonitoringProgram.ECM)[^1];

        // HECM month 4: USD 10,000 + 150 x USD 7.
        Assert.Equal(Money.Usd(10_000m + 1_050m), result.Fine);
    }

    [Fact]
    public void MovingFromEcmToHecmKeepsTheMonthCount()
    {
        var run = new ProgramRun(previous: Month.Mastercard(FirstMonth.Previous(), 10_000, 0));
        var results = new[] { 200L, 200, 200, 400 }
            .Select((chargebacks, i) => run.Close(Month.Mastercard(FirstMonth.AddMonths(i), 10_000, chargebacks), MonitoringProgram.ECM))
            .ToList();

        Assert.Equal(["ECM", "ECM", "ECM", "HECM"], results.Select(r => r.Tier));
        Assert.Equal([1, 2, 3, 4], results.Select(r => r.MonthInProgram));

        // HECM month 4: USD 10,000 + (400 - 300) x USD 5.
        Assert.Equal(Money.Usd(10_500m), results[3].Fine);
        Assert.Equal(Money.Usd(0m + 1_000m + 1_000m + 10_500m), results[3].FinesToDate);
    }

    private static ProgramMonthResult Drive(int months, long previousSales, long chargebacks)
    {
        var run = new ProgramRun(previous: Month.Mastercard(FirstMonth.Previous(), previousSales, 0));
        return run.CloseMany(FirstMonth, months, m => Month.Mastercard(m, previousSales, chargebacks), MonitoringProgram.ECM)[^1];
    }
}
