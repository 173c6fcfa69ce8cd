using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;

namespace ActorRisk.Persistence.Memory;

/// <summary>
/// Grain storage in this silo's memory, for the embedded memory mode: each state is kept as an object, copied with
/// Orleans' deep copier on the way in and out, with the version as the ETag (a stale write throws
/// <see cref="InconsistentStateException"/>, as in the durable stores). A copy of an <c>[Immutable]</c> type is the
/// object itself, so ActorRisk's immutable states are neither serialized nor copied: Orleans' own memory storage
/// serializes every state and sends it to a storage grain on each write, which measured as most of an
/// authorization's cost in memory mode (docs/benchmarks.md). Mutable states (Orleans' stream pub-sub) are copied,
/// so no caller shares an object with the store; a state type needs an Orleans copier (<c>[GenerateSerializer]</c>).
/// What is kept lives as long as the silo, like the mode itself.
/// </summary>
public sealed class MemoryStateStorage(DeepCopier copier, IActivatorProvider activators) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), Entry> entries = new();

    /// <summary>The states of one name, as last written (a snapshot; for listings such as merchant summaries).</summary>
    public IEnumerable<T> States<T>(string stateName) =>
        entries.Where(e => e.Key.StateName == stateName && e.Value.State is T).Select(e => copier.Copy((T)e.Value.State!));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (entries.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = copier.Copy((T)stored.State!);
            grainState.ETag = ETag(stored.Version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = activators.GetActivator<T>().Create();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = (stateName, grainId);
        var expected = Version(grainState.ETag);
        var next = new Entry(copier.Copy(grainState.State), expected + 1);
        var written = expected == 0
            ? entries.TryAdd(key, next)
            : entries.TryGetValue(key, out var current) && current.Version == expected && entries.TryUpdate(key, next, current);
        if (!written)
        {
            throw Stale(key, grainState.ETag);
        }

        grainState.ETag = ETag(next.Version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = (stateName, grainId);
        var expected = Version(grainState.ETag);
        if (expected != 0 && !(entries.TryGetValue(key, out var current) && current.Version == expected && entries.TryRemove(new(key, current))))
        {
            throw Stale(key, grainState.ETag);
        }

        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private InconsistentStateException Stale((string StateName, GrainId GrainId) key, string? etag)
    {
        var stored = entries.TryGetValue(key, out var now) ? ETag(now.Version) : null;
        return new InconsistentStateException(
            $"State '{key.StateName}' of {key.GrainId} is no longer at version {etag ?? "(none)"}: another activation wrote it.", stored, etag);
    }

    private static long Version(string? etag) =>
        etag is null ? 0 : long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new InconsistentStateException($"'{etag}' is not an ETag of this storage.", null, etag);

    private static string ETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private sealed record Entry(object? State, long Version);
}
