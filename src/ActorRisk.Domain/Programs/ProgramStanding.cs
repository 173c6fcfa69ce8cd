namespace ActorRisk.Domain.Programs;

/// <summary>
/// Where a merchant stands in one program after a closed month. <see cref="MonthInProgram"/> is the timeline
/// counter the fine schedule is read with; it survives months below the thresholds until the merchant exits.
/// </summary>
public sealed record ProgramStanding(
    MonitoringProgram Program,
    bool InProgram,
    int MonthInProgram,
    string? Tier,
    int ConsecutiveMonthsBelow,
    YearMonth? EnteredIn,
    YearMonth? LastIdentifiedIn,
    int TimesEntered,
    ImmutableArray<Values.Money> FinesToDate)
{
    public static ProgramStanding NotEnrolled(MonitoringProgram program) =>
        new(program, false, 0, null, 0, null, null, 0, []);

    /// <summary>Fines assessed in this program over the merchant's whole history, in the given currency.</summary>
    public Values.Money FinesToDateIn(string currency)
    {
        var fines = FinesToDate.IsDefault ? [] : FinesToDate;
        var index = fines.FindIndex(m => m.Currency == currency);
        return index >= 0 ? fines[index] : Values.Money.Zero(currency);
    }

    internal ProgramStanding AddFine(Values.Money fine)
    {
        if (fine.IsZero)
        {
            return this;
        }

        var fines = FinesToDate.IsDefault ? [] : FinesToDate;
        var index = fines.FindIndex(m => m.Currency == fine.Currency);
        return this with { FinesToDate = index >= 0 ? fines.SetItem(index, fines[index] + fine) : fines.Add(fine) };
    }
}
