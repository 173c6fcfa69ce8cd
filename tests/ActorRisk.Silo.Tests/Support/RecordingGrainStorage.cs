using System.Collections.Concurrent;
using System.Globalization;
using ActorRisk.Abstractions.Serialization;
using Orleans.Runtime;
using Orleans.Storage;

namespace ActorRisk.Silo.Tests.Support;

/// <summary>
/// Memory grain storage (Orleans IGrainStorage, ETags checked) that keeps the JSON of every write, so a test can scan what
/// was stored and count writes. State is kept as the JSON it was written as and read back from it, as a real store does.
/// </summary>
public sealed class RecordingGrainStorage : IGrainStorage
{
    private readonly JsonGrainStateSerializer serializer = new();
    private readonly ConcurrentDictionary<string, (BinaryData Json, long Version)> rows = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> writes = new();

    public int WriteCount => writes.Count;

    /// <summary>Every write, as "type/key/state: json".</summary>
    public IReadOnlyList<string> Writes => [.. writes];

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (rows.TryGetValue(Key(stateName, grainId), out var row))
        {
            grainState.State = serializer.Deserialize<T>(row.Json)!;
            grainState.ETag = row.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = Key(stateName, grainId);
        var json = serializer.Serialize(grainState.State);
        var expected = grainState.ETag is null ? 0 : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var written = expected == 0
            ? rows.TryAdd(key, (json, 1))
            : rows.TryGetValue(key, out var current) && current.Version == expected && rows.TryUpdate(key, (json, expected + 1), current);
        if (!written)
        {
            throw new InconsistentStateException($"{key} is no longer at version {grainState.ETag ?? "(none)"}.");
        }

        writes.Enqueue($"{key}: {json}");
        grainState.ETag = (expected + 1).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        rows.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{grainId.Type}/{grainId.Key}/{stateName}";
}
