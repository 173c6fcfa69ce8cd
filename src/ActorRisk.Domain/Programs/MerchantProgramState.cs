namespace ActorRisk.Domain.Programs;

/// <summary>A merchant's standing in every program after its last closed month.</summary>
public sealed record MerchantProgramState(YearMonth? LastClosedMonth, ImmutableDictionary<MonitoringProgram, ProgramStanding> Standings)
{
    public static MerchantProgramState New { get; } = new(null, ImmutableDictionary<MonitoringProgram, ProgramStanding>.Empty);

    public ProgramStanding Standing(MonitoringProgram program) =>
        Standings.TryGetValue(program, out var standing) ? standing : ProgramStanding.NotEnrolled(program);
}
