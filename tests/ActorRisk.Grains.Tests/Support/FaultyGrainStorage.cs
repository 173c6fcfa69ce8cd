using Orleans.Storage;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>Orleans' memory storage with write failures on demand (<see cref="StorageFaults"/>); reads and clears pass through.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var fault = faults.Take(grainId);
        if (fault == WriteFault.BeforeStoring)
        {
            throw new InjectedStorageFaultException($"Injected: {stateName} of {grainId} was not stored.");
        }

        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (fault == WriteFault.AfterStoring)
        {
            throw new InjectedStorageFaultException($"Injected: {stateName} of {grainId} was stored, but its answer was lost.");
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
