namespace ActorRisk.Domain.Programs;

/// <summary>One program's outcome for a closed month, with the lines an analyst reads to check it by hand.</summary>
public sealed record ProgramMonthResult(
    MonitoringProgram Program,
    CardNetwork Network,
    YearMonth Month,
    ProgramStatus Status,
    ProgramTransition Transition,
    string? Tier,
    int MonthInProgram,
    Values.Money Fine,
    ImmutableArray<FineLine> FineLines,
    Values.Money FinesToDate,
    int? MonthsBelowToExit,
    MetricReading Metric,
    ImmutableArray<string> Reasons);

/// <summary>The result of closing a month for one merchant: per-program results and the state to keep.</summary>
public sealed record MerchantMonthOutcome(
    YearMonth Month,
    MerchantProgramState State,
    ImmutableArray<ProgramMonthResult> Programs)
{
    public ProgramMonthResult? For(MonitoringProgram program) => Programs.FirstOrDefault(p => p.Program == program);

    /// <summary>The month's fines by currency.</summary>
    public ImmutableArray<Values.Money> TotalFines =>
        [.. Programs.GroupBy(p => p.Fine.Currency).Select(g => g.Aggregate(Values.Money.Zero(g.Key), (sum, p) => sum + p.Fine)).Where(m => !m.IsZero)];
}
