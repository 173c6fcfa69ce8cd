namespace ActorRisk.Runtime.Core;

internal enum ActivationStatus
{
    Activating,
    Valid,
    Failed,
    Deactivating,
    Deactivated,
}
