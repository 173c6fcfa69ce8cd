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

    public TState State { get; set; } = Activator.CreateInstance<TState>();

    public string? Etag => version?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool RecordExists => version is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var stored = await storage.ReadAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
        RuntimeInstruments.StorageReadDuration.Record(RuntimeInstruments.ElapsedMilliseconds(started), new KeyValuePair<string, object?>("storage", storageName));
        if (stored is null)
        {
            State = Activator.CreateInstance<TState>();
            version = null;
            return;
        }

        State = serializer.Deserialize(stored, upgrader, grainId, stateName);
        version = stored.Version;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = RuntimeInstruments.ActivitySource.StartActivity("grain.state.write");
        activity?.SetTag("grain.id", grainId.ToString());
        activity?.SetTag("grain.state", stateName);
        try
        {
            version = await storage.WriteAsync(grainId, stateName, serializer.Serialize(State), SchemaVersion, version, cancellationToken).ConfigureAwait(false);
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

        version = null;
        State = Activator.CreateInstance<TState>();
    }

    Task IActivationState.LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);
}

/// <summary>State the runtime loads before an activation's first turn.</summary>
internal interface IActivationState
{
    Task LoadAsync(CancellationToken cancellationToken);
}
