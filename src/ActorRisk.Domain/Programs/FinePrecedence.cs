namespace ActorRisk.Domain.Programs;

/// <summary>When a merchant is in both programs in the same month, only <see cref="Dominant"/>'s fines apply.</summary>
public sealed record FinePrecedence(MonitoringProgram Dominant, MonitoringProgram Waived, string Rule);
