namespace ActorRisk.Runtime.Abstractions;

/// <summary>
/// Looks up requests applied through <see cref="IPersistentState{TState}.WriteStateAsync{TAnswer}(RequestId, TAnswer, CancellationToken)"/>:
/// which grain applied a request, when, and the answer it gave. Records are kept for the runtime's request
/// retention period.
/// </summary>
public interface IRequestLedger
{
    /// <returns>The applied request, or null if it is unknown (never applied, or older than the retention).</returns>
    Task<RequestResult<TAnswer>?> FindAsync<TAnswer>(RequestId request, string storageName = PersistentStateAttribute.DefaultStorage, CancellationToken cancellationToken = default);
}
