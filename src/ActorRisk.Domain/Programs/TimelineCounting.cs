namespace ActorRisk.Domain.Programs;

/// <summary>How the month-in-program counter advances while a merchant is in a program.</summary>
public enum TimelineCounting
{
    /// <summary>
    /// Only months over the thresholds count ("Months Above ECM Thresholds" in the Mastercard table). A month below
    /// pauses the counter; going over again before exit resumes at the next month, it never restarts at 1.
    /// </summary>
    MonthsIdentified,

    /// <summary>Every calendar month since entry counts, including months below the thresholds during the exit window.</summary>
    CalendarMonthsSinceEntry,
}
