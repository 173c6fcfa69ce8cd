using Orleans.Storage;

namespace ActorRisk.Api.Endpoints;

/// <summary>How the API calls grains that write state.</summary>
internal static class GrainCalls
{
    /// <summary>
    /// Calls once more when the first call lost a write race (<see cref="InconsistentStateException"/>: another activation
    /// of the grain wrote first, as Orleans allows briefly while a silo fails). The losing activation has deactivated, so
    /// the retry runs on fresh state, and because every write here is idempotent by its id, it counts once either way. A
    /// second loss goes to the caller as a 503 to retry later.
    /// </summary>
    public static async Task<T> RetryOnceOnConflictAsync<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (InconsistentStateException)
        {
            return await call();
        }
    }
}
