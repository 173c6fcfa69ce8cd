namespace ActorRisk.Runtime.Diagnostics;

/// <summary>The runtime's log messages (source-generated: no allocation when the level is off).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Warning, "Activation of {GrainId} failed")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(2, LogLevel.Warning, "OnDeactivateAsync of {GrainId} failed ({Reason})")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grainId, DeactivationReasonCode reason);

    [LoggerMessage(3, LogLevel.Warning, "Timer callback of {GrainId} failed")]
    public static partial void TimerFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(4, LogLevel.Warning, "Reminder {Reminder} of {GrainId} failed; it will be retried")]
    public static partial void ReminderFailed(ILogger logger, Exception exception, string reminder, GrainId grainId);

    [LoggerMessage(5, LogLevel.Error, "Runtime {Work} failed; trying again next period")]
    public static partial void BackgroundWorkFailed(ILogger logger, Exception exception, string work);
}
