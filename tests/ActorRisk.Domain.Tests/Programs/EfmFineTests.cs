namespace ActorRisk.Domain.Tests.Programs;

/// <summary>DESIGN.md "Mastercard EFM" fines in EUR: 1: 0, 2: 500, 3: 1,000, 4-6: 5,000, 7-11: 25,000, 12-18: 50,000, 19+: 100,000; exit after 3 months below.</summary>
public sealed class EfmFineTests
{
    private static readonly YearMonth FirstMonth = Month.Ym(2025, 1);

    public static TheoryData<int, decimal> Fines => new()
    {
        { 1, 0m },
        { 2, 500m },
        { 3, 1_000m },
        { 4, 5_000m },
        { 5, 5_000m },
        { 6, 5_000m },
        { 7, 25_000m },
        { 8, 25_000m },
        { 9, 25_000m },
        { 10, 25_000m },
        { 11, 25_000m },
        { 12, 50_000m },
        { 13, 50_000m },
        { 14, 50_000m },
        { 15, 50_000m },
        { 16, 50_000m },
        { 17, 50_000m },
        { 18, 50_000m },
        { 19, 100_000m },
        { 20, 100_000m },
    };

    [Theory]
    [MemberData(nameof(Fines))]
    public void FineInEuroByMonthInProgram(int monthInProgram, decimal fineEur)
    {
        var run = new ProgramRun(previous: Month.MastercardFraud(FirstMonth.Previous(), 10_000, 0, 0, 0m));

        var result = run.CloseMany(FirstMonth, monthInProgram, m => Month.MastercardFraud(m, 10_000, 500, 60, 60_000m), MonitoringProgram.EFM)[^1];

        Assert.Equal(ProgramStatus.Enforcement, result.Status);
        Assert.Equal(monthInProgram, result.MonthInProgram);
        Assert.Equal(Money.Eur(fineEur), result.Fine);
    }

    [Fact]
    public void FinesToDateAreInEuro()
    {
        var run = new ProgramRun(previous: Month.MastercardFraud(FirstMonth.Previous(), 10_000, 0, 0, 0m));

        var results = run.CloseMany(FirstMonth, 4, m => Month.MastercardFraud(m, 10_000, 500, 60, 60_000m), MonitoringProgram.EFM);

        Assert.Equal([0m, 500m, 1_500m, 6_500m], results.Select(r => r.FinesToDate.ToMajor()));
        Assert.All(results, r => Assert.Equal("EUR", r.FinesToDate.Currency));
        Assert.Equal(Money.Eur(6_500m), run.State.Standing(MonitoringProgram.EFM).FinesToDateIn("EUR"));
        Assert.True(run.State.Standing(MonitoringProgram.EFM).FinesToDateIn("USD").IsZero);
    }

    [Fact]
    public void ExitsAfterThreeMonthsBelow()
    {
        var run = new ProgramRun(previous: Month.MastercardFraud(FirstMonth.Previous(), 10_000, 0, 0, 0m));
        run.Close(Month.MastercardFraud(FirstMonth, 10_000, 500, 60, 60_000m), MonitoringProgram.EFM);

        var below = run.CloseMany(FirstMonth.Next(), 3, m => Month.MastercardFraud(m, 10_000, 500, 10, 10_000m), MonitoringProgram.EFM);

        Assert.Equal([ProgramStatus.ExitWindow, ProgramStatus.ExitWindow, ProgramStatus.Exited], below.Select(r => r.Status));
    }
}
