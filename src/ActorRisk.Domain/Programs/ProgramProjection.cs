namespace ActorRisk.Domain.Programs;

/// <summary>How close the running month is to a program's entry threshold.</summary>
public enum WarningLevel
{
    None,

    /// <summary>At the current pace the month ends at or above the early-warning fraction of every threshold.</summary>
    Approaching,

    /// <summary>At the current pace the month ends over the entry threshold.</summary>
    ProjectedOver,

    /// <summary>The month is already over the entry threshold.</summary>
    Over,
}

/// <summary>
/// Where the running month lands at month end at the current pace, and how many more counted items
/// (or how much more fraud amount) would put the merchant over the program's entry tier.
/// </summary>
public sealed record ProgramProjection(
    MonitoringProgram Program,
    CardNetwork Network,
    YearMonth Month,
    decimal ElapsedFraction,
    string TargetTier,
    MetricReading Current,
    MetricReading AtMonthEnd,
    long? ItemsToThreshold,
    Values.Money? AmountToThreshold,
    WarningLevel Warning,
    ImmutableArray<string> Reasons);
