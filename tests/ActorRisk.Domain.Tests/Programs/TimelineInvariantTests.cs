namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// Property-style checks over generated merchants (seeded <see cref="Random"/>): 24 random months closed in order,
/// and for VDMP, VFMP, ECM and EFM the timeline invariants of the MonthsIdentified counting hold, fines are only
/// charged in enforcement months, fines to date are the running sum, and closing the same inputs twice gives the
/// same results.
/// </summary>
public sealed class TimelineInvariantTests
{
    private static readonly MonitoringProgram[] Checked = [MonitoringProgram.VDMP, MonitoringProgram.VFMP, MonitoringProgram.ECM, MonitoringProgram.EFM];

    private static readonly int[] SeedValues = [.. Enumerable.Range(1, 25).Select(i => i * 7_919)];

    public static TheoryData<int> Seeds() => new(SeedValues);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TimelineInvariantsHold(int seed)
    {
        var (profile, months) = Generate(seed);
        var outcomes = CloseAll(profile, months);

        foreach (var program in Checked)
        {
            var results = outcomes.Select(o => o.For(program)!).ToList();
            var exitAfter = program == MonitoringProgram.ECM ? ProgramParameters.Defaults.EcmExitMonthsBelow : 3;
            var previous = (ProgramMonthResult?)null;
            var belowInARow = 0;
            var fines = new Dictionary<string, long>();

            foreach (var r in results)
            {
                var where = $"seed {seed}, {program} {r.Month}";
                var wasIn = previous?.Status is ProgramStatus.Enforcement or ProgramStatus.ExitWindow;
                var previousMonthInProgram = wasIn ? previous!.MonthInProgram : 0;

                switch (r.Status)
                {
                    case ProgramStatus.Enforcement:
                        Assert.True(r.MonthInProgram == previousMonthInProgram + 1, $"{where}: month {r.MonthInProgram} after {previousMonthInProgram}");
                        var expectedTransition = !wasIn ? ProgramTransition.Entered
                            : previous!.Status == ProgramStatus.ExitWindow ? ProgramTransition.Resumed
                            : ProgramTransition.Continued;
                        Assert.True(expectedTransition == r.Transition, $"{where}: {r.Transition}, expected {expectedTransition}");
                        Assert.NotNull(r.Tier);
                        belowInARow = 0;
                        break;
                    case ProgramStatus.ExitWindow when program == MonitoringProgram.ECM && EcmRatioStillOver(r):
                        // Mastercard exits on months below 1.5%: a month under 100 chargebacks at 1.5% or more breaks the run.
                        Assert.True(wasIn, $"{where}: exit window without being in the program");
                        Assert.True(r.MonthInProgram == previousMonthInProgram, $"{where}: month {r.MonthInProgram} changed from {previousMonthInProgram} below the thresholds");
                        belowInARow = 0;
                        Assert.Equal(exitAfter, r.MonthsBelowToExit);
                        break;
                    case ProgramStatus.ExitWindow:
                        Assert.True(wasIn, $"{where}: exit window without being in the program");
                        Assert.True(r.MonthInProgram == previousMonthInProgram, $"{where}: month {r.MonthInProgram} changed from {previousMonthInProgram} below the thresholds");
                        belowInARow++;
                        Assert.True(belowInARow < exitAfter, $"{where}: {belowInARow} months below without exit");
                        Assert.Equal(exitAfter - belowInARow, r.MonthsBelowToExit);
                        break;
                    case ProgramStatus.Exited:
                        Assert.True(wasIn, $"{where}: exited without being in the program");
                        Assert.True(r.MonthInProgram == previousMonthInProgram, $"{where}: month changed on exit");
                        belowInARow++;
                        Assert.True(belowInARow == exitAfter, $"{where}: exited after {belowInARow} months below");
                        belowInARow = 0;
                        break;
                    default:
                        Assert.False(wasIn, $"{where}: {r.Status} straight after being in the program");
                        Assert.Equal(0, r.MonthInProgram);
                        break;
                }

                if (r.Status != ProgramStatus.Enforcement)
                {
                    Assert.True(r.Fine.IsZero, $"{where}: fine {r.Fine} in a {r.Status} month");
                    Assert.Empty(r.FineLines);
                }

                Assert.Equal(r.Fine.Amount, r.FineLines.Sum(l => l.Amount.Amount));
                fines[r.Fine.Currency] = fines.GetValueOrDefault(r.Fine.Currency) + r.Fine.Amount;
                Assert.True(fines[r.Fine.Currency] == r.FinesToDate.Amount, $"{where}: fines to date {r.FinesToDate}, running sum {fines[r.Fine.Currency]}");
                Assert.Equal(r.Fine.Currency, r.FinesToDate.Currency);

                previous = r;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ClosingTheSameInputsTwiceGivesTheSameResults(int seed)
    {
        var (profile, months) = Generate(seed);
        var (sameProfile, sameMonths) = Generate(seed);

        var first = CloseAll(profile, months);
        var second = CloseAll(sameProfile, sameMonths);

        Assert.Equal(Summary(first), Summary(second));
        Assert.Equal(first.Select(o => o.State), second.Select(o => o.State), StateComparer.Instance);
    }

    [Fact]
    public void GeneratedMerchantsExerciseEveryStatus()
    {
        // Guards the generator: the invariants above must see entries, exit windows, resumes and exits.
        var statuses = new HashSet<ProgramStatus>();
        var transitions = new HashSet<ProgramTransition>();
        foreach (var seed in SeedValues)
        {
            var (profile, months) = Generate(seed);
            foreach (var result in CloseAll(profile, months).SelectMany(o => o.Programs))
            {
                statuses.Add(result.Status);
                transitions.Add(result.Transition);
            }
        }

        Assert.Equal(Enum.GetValues<ProgramStatus>().Order(), statuses.Order());
        Assert.Contains(ProgramTransition.Resumed, transitions);
        Assert.Contains(ProgramTransition.Exited, transitions);
        Assert.Contains(ProgramTransition.Entered, transitions);
    }

    /// <summary>24 months from 2023-01 whose Visa and Mastercard numbers swing around the programs' thresholds.</summary>
    private static (MerchantProfile Profile, List<MerchantMonthTotals> Months) Generate(int seed)
    {
        var random = new Random(seed);
        var profile = new MerchantProfile($"gen-{seed}", random.Next(4) == 0 ? "5967" : "5411", RegulatedMarket: random.Next(2) == 0);
        var months = new List<MerchantMonthTotals>();
        var start = Month.Ym(2023, 1);
        for (var i = 0; i < 24; i++)
        {
            var visaSales = random.Next(5_000, 30_000);
            var visaDisputes = random.Next(3) switch
            {
                0 => random.Next(0, 100),
                1 => random.Next(60, 300),
                _ => random.Next(100, 1_500),
            };
            var salesUsd = random.Next(2_000_000, 12_000_000);
            var fraudUsd = random.Next(3) == 0 ? random.Next(0, 50_000) : random.Next(40_000, 400_000);
            var visa = new NetworkMonthTotals
            {
                CardNotPresentSalesCount = visaSales,
                CardNotPresentSalesAmount = Money.Usd(salesUsd),
                DisputeCount = visaDisputes + random.Next(0, 20),
                CountableDisputeCount = visaDisputes,
                FraudReportCount = random.Next(0, 500),
                FraudReportAmount = Money.Usd(fraudUsd),
            };

            var mastercardSales = random.Next(800, 20_000);
            var chargebacks = random.Next(2) == 0 ? random.Next(0, 150) : random.Next(100, 600);
            var fraudChargebacks = Math.Min(chargebacks, random.Next(0, 200));
            var mastercard = new NetworkMonthTotals
            {
                CardNotPresentSalesCount = mastercardSales,
                ThreeDsAuthenticatedCount = random.Next(0, mastercardSales / 4),
                DisputeCount = chargebacks,
                CountableDisputeCount = chargebacks,
                FraudDisputeCount = fraudChargebacks,
                FraudDisputeAmount = Money.Usd(fraudChargebacks * random.Next(200, 1_200)),
            };
            months.Add(new MerchantMonthTotals(start.AddMonths(i), visa, mastercard));
        }

        return (profile, months);
    }

    private static List<MerchantMonthOutcome> CloseAll(MerchantProfile profile, List<MerchantMonthTotals> months)
    {
        var run = new ProgramRun(profile);
        return [.. months.Select(run.Close)];
    }

    private static List<string> Summary(List<MerchantMonthOutcome> outcomes) =>
    [
        .. outcomes.SelectMany(o => o.Programs.Select(r =>
            $"{r.Month} {r.Program} {r.Status} {r.Transition} {r.Tier} {r.MonthInProgram} {r.Fine} {r.FinesToDate} {r.MonthsBelowToExit} " +
            string.Join(" | ", r.FineLines.Select(l => $"{l.Label}={l.Amount}")) + " || " + string.Join(" | ", r.Reasons))),
    ];

    private sealed class StateComparer : IEqualityComparer<MerchantProgramState>
    {
        public static StateComparer Instance { get; } = new();

        public bool Equals(MerchantProgramState? x, MerchantProgramState? y) =>
            x is not null && y is not null && x.LastClosedMonth == y.LastClosedMonth
            && x.Standings.Count == y.Standings.Count
            && x.Standings.All(kv => y.Standings.TryGetValue(kv.Key, out var other) && Same(kv.Value, other));

        public int GetHashCode(MerchantProgramState obj) => obj.LastClosedMonth.GetHashCode();

        private static bool Same(ProgramStanding a, ProgramStanding b) =>
            a with { FinesToDate = [] } == b with { FinesToDate = [] }
            && (a.FinesToDate.IsDefault ? [] : a.FinesToDate).SequenceEqual(b.FinesToDate.IsDefault ? [] : b.FinesToDate);
    }

    private static bool EcmRatioStillOver(ProgramMonthResult result) =>
        result.Metric.Ratio is { } ratio ? ratio >= 0.015m : result.Metric.Count > 0;
}
