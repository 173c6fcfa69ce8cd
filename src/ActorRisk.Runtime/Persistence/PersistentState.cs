using ActorRisk.Runtime.Diagnostics;

namespace ActorRisk.Runtime.Persistence;

/// <summary>The runtime's IPersistentState: JSON through a named storage, with version checks.</summary>
internal sealed class PersistentState<TState>(
    GrainId grainId,
    string stateName,
    string storageName,
    IGrainStorage storage,
    GrainStateSerializer serializer,
    IStateUpgrader<TState>? upgrader,
    Action<DeactivationReason> onInconsistentState) : IPersistentState<TState>, IActivationState
{
    private static readonly int SchemaVersion = GrainStateSerializer.SchemaVersionOf<TState>();
    private long? version;

    // What storage holds, so a refused duplicate request can put State back without a read.
    private StoredState? lastStored;

    public TState State { get; set; } = Activator.CreateInstance<TState>();

    public string? Etag => version?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool RecordExists => version is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var stored = await storage.ReadAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
        RuntimeInstruments.StorageReadDuration.Record(RuntimeInstruments.ElapsedMilliseconds(started), new KeyValuePair<string, object?>("storage", storageName));
        Restore(stored);
    }

    public Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        WriteAsync<long>(json => storage.WriteAsync(grainId, stateName, json, SchemaVersion, version, cancellationToken), version => version, null, cancellationToken);

    public async Task<RequestResult<TAnswer>> WriteStateAsync<TAnswer>(RequestId request, TAnswer answer, CancellationToken cancellationToken = default)
    {
        var record = new RequestRecord(request, serializer.Serialize(answer));
        var result = await WriteAsync(
            json => storage.WriteAsync(grainId, stateName, json, SchemaVersion, version, record, cancellationToken),
            written => written.Duplicate is null ? written.Version : null,
            request,
            cancellationToken).ConfigureAwait(false);
        if (result.Duplicate is not { } applied)
        {
            return new RequestResult<TAnswer>(request, Applied: true, answer, grainId, AppliedAt: null);
        }

        // Nothing was written: the grain's changes for this request are discarded, storage is unchanged.
        RuntimeInstruments.DuplicateRequests.Add(1);
        Restore(lastStored);
        return new RequestResult<TAnswer>(request, Applied: false, serializer.DeserializeAnswer<TAnswer>(applied.AnswerJson), applied.GrainId, applied.AppliedAt);
    }

    private async Task<TResult> WriteAsync<TResult>(Func<ReadOnlyMemory<byte>, Task<TResult>> write, Func<TResult, long?> newVersion, RequestId? request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = RuntimeInstruments.ActivitySource.StartActivity("grain.state.write");
        activity?.SetTag("grain.id", grainId.ToString());
        activity?.SetTag("grain.state", stateName);
        if (request is { } id)
        {
            activity?.SetTag("grain.request", id.ToString());
        }

        try
        {
            var json = serializer.Serialize(State);
            var result = await write(json).ConfigureAwait(false);
            if (newVersion(result) is { } written)
            {
                version = written;
                lastStored = new StoredState(json, SchemaVersion, written);
            }

            return result;
        }
        catch (InconsistentStateException exception)
        {
            RuntimeInstruments.StorageConflicts.Add(1);
            onInconsistentState(new DeactivationReason(DeactivationReasonCode.InconsistentState, exception.Message));
            throw;
        }
        catch (Exception exception)
        {
            // The grain changed State before writing; after a failed write memory is ahead of storage (or the write
            // committed and its answer was lost). Either way the next call must start from what storage holds.
            onInconsistentState(new DeactivationReason(DeactivationReasonCode.StorageFailure, exception.Message));
            throw;
        }
        finally
        {
            RuntimeInstruments.StorageWriteDuration.Record(RuntimeInstruments.ElapsedMilliseconds(started), new KeyValuePair<string, object?>("storage", storageName));
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.ClearAsync(grainId, stateName, version, cancellationToken).ConfigureAwait(false);
        }
        catch (InconsistentStateException exception)
        {
            onInconsistentState(new DeactivationReason(DeactivationReasonCode.InconsistentState, exception.Message));
            throw;
        }

        Restore(null);
    }

    private void Restore(StoredState? stored)
    {
        lastStored = stored;
        version = stored?.Version;
        State = stored is null ? Activator.CreateInstance<TState>() : serializer.Deserialize(stored, upgrader, grainId, stateName);
    }

    Task IActivationState.LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);
}

/// <summary>State the runtime loads before an activation's first turn.</summary>
internal interface IActivationState
{
    Task LoadAsync(CancellationToken cancellationToken);
}
