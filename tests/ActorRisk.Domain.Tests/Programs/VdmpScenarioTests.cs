namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// A merchant's 24 VDMP months (2023-01 .. 2024-12) against a table computed by hand from seed 003: early warning,
/// entry, fines from month 5, reserve fee from month 10, two months below, resume at month 11, exit after three months
/// below, and a second entry that restarts at month 1. Sales are 10,000 every month.
/// </summary>
public sealed class VdmpScenarioTests
{
    private const ProgramStatus No = ProgramStatus.NotInProgram;
    private const ProgramStatus Ew = ProgramStatus.EarlyWarning;
    private const ProgramStatus In = ProgramStatus.Enforcement;
    private const ProgramStatus Win = ProgramStatus.ExitWindow;
    private const ProgramStatus Out = ProgramStatus.Exited;

    public static TheoryData<string, long, ProgramStatus, int, long, long> Table => new()
    {
        // month, disputes, status, month in program, fine USD, fines to date USD
        { "2023-01", 50, No, 0, 0, 0 },                     // 0.50%
        { "2023-02", 80, Ew, 0, 0, 0 },                     // 0.80%: early warning
        { "2023-03", 200, In, 1, 0, 0 },                    // entered
        { "2023-04", 150, In, 2, 0, 0 },
        { "2023-05", 120, In, 3, 0, 0 },
        { "2023-06", 100, In, 4, 0, 0 },                    // exactly 100 and 1.00%
        { "2023-07", 200, In, 5, 10_000, 10_000 },          // 200 x 50
        { "2023-08", 150, In, 6, 7_500, 17_500 },           // 150 x 50
        { "2023-09", 300, In, 7, 15_000, 32_500 },
        { "2023-10", 100, In, 8, 5_000, 37_500 },
        { "2023-11", 110, In, 9, 5_500, 43_000 },
        { "2023-12", 200, In, 10, 35_000, 78_000 },         // 200 x 50 + 25,000 reserve
        { "2024-01", 80, Win, 10, 0, 78_000 },              // below (early-warning level): 1 of 3
        { "2024-02", 10, Win, 10, 0, 78_000 },              // 2 of 3
        { "2024-03", 1_200, In, 11, 85_000, 163_000 },      // resumed, Excessive tier (12%): 1,200 x 50 + 25,000
        { "2024-04", 100, In, 12, 30_000, 193_000 },        // 100 x 50 + 25,000
        { "2024-05", 99, Win, 12, 0, 193_000 },
        { "2024-06", 0, Win, 12, 0, 193_000 },
        { "2024-07", 90, Out, 12, 0, 193_000 },             // third month below: exited
        { "2024-08", 95, Ew, 0, 0, 193_000 },
        { "2024-09", 250, In, 1, 0, 193_000 },              // entered again: month 1
        { "2024-10", 250, In, 2, 0, 193_000 },
        { "2024-11", 250, In, 3, 0, 193_000 },
        { "2024-12", 250, In, 4, 0, 193_000 },
    };

    [Fact]
    public void TwentyFourMonthsMatchTheHandComputedTable()
    {
        var run = new ProgramRun();
        foreach (var row in Table)
        {
            var (month, disputes, status, monthInProgram, fineUsd, toDateUsd) =
                ((string)row[0], (long)row[1], (ProgramStatus)row[2], (int)row[3], (long)row[4], (long)row[5]);

            var result = run.Close(Month.Visa(YearMonth.Parse(month), 10_000, disputes), MonitoringProgram.VDMP);

            Assert.True(status == result.Status, $"{month}: status {result.Status}, expected {status}");
            Assert.True(monthInProgram == result.MonthInProgram, $"{month}: month in program {result.MonthInProgram}, expected {monthInProgram}");
            Assert.True(Money.Usd(fineUsd) == result.Fine, $"{month}: fine {result.Fine}, expected USD {fineUsd:N0}");
            Assert.True(Money.Usd(toDateUsd) == result.FinesToDate, $"{month}: fines to date {result.FinesToDate}, expected USD {toDateUsd:N0}");
        }

        var standing = run.State.Standing(MonitoringProgram.VDMP);
        Assert.Equal(2, standing.TimesEntered);
        Assert.Equal(Month.Ym(2024, 9), standing.EnteredIn);
        Assert.Equal(Money.Usd(193_000m), standing.FinesToDateIn("USD"));
    }

    [Fact]
    public void TransitionsAlongTheScenario()
    {
        var run = new ProgramRun();
        var transitions = Table.Select(row => run.Close(Month.Visa(YearMonth.Parse((string)row[0]), 10_000, (long)row[1]), MonitoringProgram.VDMP).Transition).ToList();

        Assert.Equal(ProgramTransition.Entered, transitions[2]);
        Assert.Equal(ProgramTransition.Continued, transitions[3]);
        Assert.Equal(ProgramTransition.WentBelow, transitions[12]);
        Assert.Equal(ProgramTransition.Resumed, transitions[14]);
        Assert.Equal(ProgramTransition.Continued, transitions[15]);
        Assert.Equal(ProgramTransition.Exited, transitions[18]);
        Assert.Equal(ProgramTransition.None, transitions[19]);
        Assert.Equal(ProgramTransition.Entered, transitions[20]);
    }

    [Fact]
    public void TheScenarioTotalIsTheSumOfTheTableFines()
    {
        var run = new ProgramRun();
        var fines = Table.Select(row => run.Close(Month.Visa(YearMonth.Parse((string)row[0]), 10_000, (long)row[1]), MonitoringProgram.VDMP).Fine).ToList();

        Assert.Equal(Money.Usd(193_000m), fines.Aggregate(Money.Zero("USD"), (a, b) => a + b));
        Assert.Equal(193_000, Table.Sum(row => (long)row[4]));
    }
}
