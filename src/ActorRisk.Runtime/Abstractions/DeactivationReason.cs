namespace ActorRisk.Runtime.Abstractions;

public enum DeactivationReasonCode
{
    IdleTimeout,
    ShuttingDown,
    ApplicationRequested,

    /// <summary>A state write found a newer version (or lost its partition): the activation reloads on the next call.</summary>
    InconsistentState,

    /// <summary>A state write failed (storage unreachable): memory may be ahead of storage, so the next call reloads.</summary>
    StorageFailure,
}

public sealed record DeactivationReason(DeactivationReasonCode Code, string Description);
