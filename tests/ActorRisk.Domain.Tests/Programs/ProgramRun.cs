namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// Closes one merchant's months in order with the standard rulebook, carrying the state and the previous month's
/// totals (Mastercard's denominator) from one close to the next.
/// </summary>
internal sealed class ProgramRun
{
    private readonly List<MerchantMonthOutcome> outcomes = [];

    public ProgramRun(MerchantProfile? profile = null, ProgramParameters? parameters = null, MerchantMonthTotals? previous = null)
    {
        Profile = profile ?? new MerchantProfile("merchant-1");
        Evaluator = new MerchantMonthEvaluator(ProgramRulebook.Standard(parameters));
        Previous = previous;
    }

    public MerchantProfile Profile { get; }

    public MerchantMonthEvaluator Evaluator { get; }

    public MerchantProgramState State { get; private set; } = MerchantProgramState.New;

    public MerchantMonthTotals? Previous { get; private set; }

    public IReadOnlyList<MerchantMonthOutcome> Outcomes => outcomes;

    public MerchantMonthOutcome Close(MerchantMonthTotals month)
    {
        var outcome = Evaluator.Close(Profile, month, Previous, State);
        State = outcome.State;
        Previous = month;
        outcomes.Add(outcome);
        return outcome;
    }

    /// <summary>Closes the month and returns the program's result (which must exist).</summary>
    public ProgramMonthResult Close(MerchantMonthTotals month, MonitoringProgram program) =>
        Close(month).For(program) ?? throw new InvalidOperationException($"No {program} result in {month.Month}.");

    /// <summary>Closes <paramref name="count"/> months from <paramref name="first"/>, each built by <paramref name="build"/>; returns the program's results.</summary>
    public List<ProgramMonthResult> CloseMany(YearMonth first, int count, Func<YearMonth, MerchantMonthTotals> build, MonitoringProgram program)
    {
        var results = new List<ProgramMonthResult>(count);
        for (var i = 0; i < count; i++)
        {
            results.Add(Close(build(first.AddMonths(i)), program));
        }

        return results;
    }
}
