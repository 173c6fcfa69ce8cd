namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// Closing consecutive months in one call (a history import, a close catching up after an outage) is closing them one
/// after the other, and months out of order are refused as a single close refuses them.
/// </summary>
public sealed class CloseInOrderTests
{
    private static readonly MerchantMonthEvaluator Evaluator = new(ProgramRulebook.Standard());
    private static readonly MerchantProfile Profile = new("m-in-order");
    private static readonly int[] Chargebacks = [130, 150, 40, 160];

    [Fact]
    public void ConsecutiveMonthsCloseAsTheyWouldOneByOne()
    {
        var months = Chargebacks.Select((chargebacks, i) => Month.Mastercard(Month.Ym(2024, 1).AddMonths(i), 8_000, chargebacks)).ToList();
        var previous = Month.Mastercard(Month.Ym(2023, 12), 8_000, 0);

        var together = Evaluator.CloseInOrder(Profile, months, previous, MerchantProgramState.New);

        var state = MerchantProgramState.New;
        var before = previous;
        for (var i = 0; i < months.Count; i++)
        {
            var alone = Evaluator.Close(Profile, months[i], before, state);
            Assert.Equal(alone.State.LastClosedMonth, together[i].State.LastClosedMonth);
            Assert.Equal(Standings(alone.State), Standings(together[i].State));
            Assert.Equal(alone.Programs.Select(p => (p.Program, p.Status, p.MonthInProgram, p.Fine)), together[i].Programs.Select(p => (p.Program, p.Status, p.MonthInProgram, p.Fine)));
            state = alone.State;
            before = months[i];
        }

        Assert.Equal(ProgramTransition.Resumed, together[3].Programs.Single(p => p.Program == MonitoringProgram.ECM).Transition);
    }

    // ProgramStanding compares its fines (an ImmutableArray) by reference, so the fines are compared as a list.
    private static List<(ProgramStanding Standing, string Fines)> Standings(MerchantProgramState state) =>
        [.. state.Standings.OrderBy(s => s.Key).Select(s => (s.Value with { FinesToDate = [] }, string.Join(", ", s.Value.FinesToDate)))];

    [Fact]
    public void AGapBetweenMonthsIsRefused()
    {
        var months = new[] { Month.Mastercard(Month.Ym(2024, 1), 8_000, 10), Month.Mastercard(Month.Ym(2024, 3), 8_000, 10) };

        Assert.Throws<InvalidOperationException>(() => Evaluator.CloseInOrder(Profile, months, null, MerchantProgramState.New));
    }
}
