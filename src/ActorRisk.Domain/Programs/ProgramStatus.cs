namespace ActorRisk.Domain.Programs;

/// <summary>A merchant's status in a program for one month.</summary>
public enum ProgramStatus
{
    /// <summary>Not in the program and not at an early-warning level.</summary>
    NotInProgram,

    /// <summary>Over an early-warning tier but not in the program.</summary>
    EarlyWarning,

    /// <summary>Identified this month: over an enforcement tier; the month counts on the timeline.</summary>
    Enforcement,

    /// <summary>In the program but below the thresholds this month; exits after enough such months in a row.</summary>
    ExitWindow,

    /// <summary>Left the program this month (enough months below, or the program was retired).</summary>
    Exited,
}

/// <summary>What changed in the month.</summary>
public enum ProgramTransition
{
    None,
    Entered,
    Continued,

    /// <summary>Over again during the exit window: the timeline continues where it was, it does not restart.</summary>
    Resumed,
    WentBelow,
    Exited,
    Retired,
}
