namespace ActorRisk.Runtime.Abstractions;

public enum DeactivationReasonCode
{
    IdleTimeout,
    ShuttingDown,
    ApplicationRequested,

    /// <summary>A state write found a newer version (or lost its partition): the activation reloads on the next call.</summary>
    InconsistentState,
}

public sealed record DeactivationReason(DeactivationReasonCode Code, string Description);
