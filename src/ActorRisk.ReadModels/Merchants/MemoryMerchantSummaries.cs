using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Storage;

namespace ActorRisk.ReadModels.Merchants;

/// <summary>
/// Memory mode's storage of merchant summaries (Orleans grain storage <see cref="StorageNames.MerchantSummaries"/>): the
/// merchant grains write their summaries here like any state, with ETag checks, and <see cref="MemoryMerchantDirectory"/>
/// lists them, which Orleans' own memory storage cannot. Summaries are immutable records, kept as they are written.
/// </summary>
public sealed class MemoryMerchantSummaries : IGrainStorage
{
    private readonly ConcurrentDictionary<string, (MerchantSummary Summary, long Version)> summaries = new(StringComparer.Ordinal);

    public IEnumerable<MerchantSummary> All => summaries.Values.Select(v => v.Summary);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (summaries.TryGetValue(Key(grainId), out var stored))
        {
            grainState.State = (T)(object)stored.Summary;
            grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (grainState.State is not MerchantSummary summary)
        {
            throw new InvalidOperationException($"Storage {StorageNames.MerchantSummaries} keeps merchant summaries only, not {typeof(T).Name}.");
        }

        var key = Key(grainId);
        var expected = grainState.ETag is null ? 0 : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var next = expected + 1;
        var written = expected == 0
            ? summaries.TryAdd(key, (summary, next))
            : summaries.TryGetValue(key, out var current) && current.Version == expected && summaries.TryUpdate(key, (summary, next), current);
        if (!written)
        {
            var stored = summaries.TryGetValue(key, out var now) ? now.Version.ToString(CultureInfo.InvariantCulture) : null;
            throw new InconsistentStateException($"The summary of {grainId} is no longer at version {grainState.ETag ?? "(none)"}.", stored, grainState.ETag);
        }

        grainState.ETag = next.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        summaries.TryRemove(Key(grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(GrainId grainId) => grainId.Key.ToString()!;
}
