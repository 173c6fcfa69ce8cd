namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// A merchant's 24 Mastercard months (2025-01 .. 2026-12) against a table computed by hand from seed 003: ECM and HECM
/// tiers, the previous month's sales as denominator (2025-06: same 350 chargebacks, doubled previous-month sales, ECM
/// instead of HECM), issuer recovery from month 4, two exit windows that resume the timeline, and months 19-20.
/// </summary>
public sealed class EcmScenarioTests
{
    private const ProgramStatus No = ProgramStatus.NotInProgram;
    private const ProgramStatus In = ProgramStatus.Enforcement;
    private const ProgramStatus Win = ProgramStatus.ExitWindow;

    public static TheoryData<string, long, long, ProgramStatus, string?, int, long, long> Table => new()
    {
        // month, sales this month, chargebacks, status, tier, month in program, fine USD, fines to date USD
        // (2024-12 had 10,000 sales)
        { "2025-01", 10_000, 50, No, null, 0, 0, 0 },                 // 0.50%
        { "2025-02", 10_000, 160, In, "ECM", 1, 0, 0 },               // 1.60%
        { "2025-03", 10_000, 200, In, "ECM", 2, 1_000, 1_000 },
        { "2025-04", 10_000, 350, In, "HECM", 3, 2_000, 3_000 },      // 3.50%; no recovery before month 4
        { "2025-05", 20_000, 350, In, "HECM", 4, 10_250, 13_250 },    // 10,000 + 50 x 5
        { "2025-06", 10_000, 350, In, "ECM", 5, 5_250, 18_500 },      // 350 / 20,000 = 1.75%: 5,000 + 50 x 5
        { "2025-07", 10_000, 100, Win, "ECM", 5, 0, 18_500 },         // 1.00%
        { "2025-08", 10_000, 120, Win, "ECM", 5, 0, 18_500 },         // 1.20%: 2 of 3 below
        { "2025-09", 10_000, 180, In, "ECM", 6, 5_000, 23_500 },      // resumed
        { "2025-10", 10_000, 180, In, "ECM", 7, 25_000, 48_500 },
        { "2025-11", 10_000, 180, In, "ECM", 8, 25_000, 73_500 },
        { "2025-12", 10_000, 180, In, "ECM", 9, 25_000, 98_500 },
        { "2026-01", 10_000, 180, In, "ECM", 10, 25_000, 123_500 },
        { "2026-02", 10_000, 180, In, "ECM", 11, 25_000, 148_500 },
        { "2026-03", 10_000, 400, In, "HECM", 12, 100_500, 249_000 }, // 100,000 + 100 x 5
        { "2026-04", 10_000, 180, In, "ECM", 13, 50_000, 299_000 },
        { "2026-05", 10_000, 180, In, "ECM", 14, 50_000, 349_000 },
        { "2026-06", 10_000, 99, Win, "ECM", 14, 0, 349_000 },        // 0.99% and under 100
        { "2026-07", 10_000, 200, In, "ECM", 15, 50_000, 399_000 },   // resumed
        { "2026-08", 10_000, 200, In, "ECM", 16, 50_000, 449_000 },
        { "2026-09", 10_000, 200, In, "ECM", 17, 50_000, 499_000 },
        { "2026-10", 10_000, 200, In, "ECM", 18, 50_000, 549_000 },
        { "2026-11", 10_000, 200, In, "ECM", 19, 100_000, 649_000 },
        { "2026-12", 10_000, 310, In, "HECM", 20, 200_050, 849_050 }, // 3.10%: 200,000 + 10 x 5
    };

    [Fact]
    public void TwentyFourMonthsMatchTheHandComputedTable()
    {
        var run = new ProgramRun(previous: Month.Mastercard(Month.Ym(2024, 12), 10_000, 0));
        foreach (var row in Table)
        {
            var month = (string)row[0];
            var (sales, chargebacks, status, tier) = ((long)row[1], (long)row[2], (ProgramStatus)row[3], (string?)row[4]);
            var (monthInProgram, fineUsd, toDateUsd) = ((int)row[5], (long)row[6], (long)row[7]);

            var result = run.Close(Month.Mastercard(YearMonth.Parse(month), sales, chargebacks), MonitoringProgram.ECM);

            Assert.True(status == result.Status, $"{month}: status {result.Status}, expected {status}");
            Assert.True(tier == result.Tier, $"{month}: tier {result.Tier}, expected {tier}");
            Assert.True(monthInProgram == result.MonthInProgram, $"{month}: month in program {result.MonthInProgram}, expected {monthInProgram}");
            Assert.True(Money.Usd(fineUsd) == result.Fine, $"{month}: fine {result.Fine}, expected USD {fineUsd:N0}");
            Assert.True(Money.Usd(toDateUsd) == result.FinesToDate, $"{month}: fines to date {result.FinesToDate}, expected USD {toDateUsd:N0}");
        }

        var standing = run.State.Standing(MonitoringProgram.ECM);
        Assert.Equal(1, standing.TimesEntered);
        Assert.Equal(Month.Ym(2025, 2), standing.EnteredIn);
        Assert.Equal(Month.Ym(2026, 12), standing.LastIdentifiedIn);
    }

    [Fact]
    public void TableFinesAddUpToTheFinalTotal()
    {
        long running = 0;
        foreach (var row in Table)
        {
            running += (long)row[6];
            Assert.Equal(running, (long)row[7]);
        }

        Assert.Equal(849_050, running);
    }
}
