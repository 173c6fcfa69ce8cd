using System.Collections.Concurrent;
using System.Text;
using ActorRisk.Runtime.Abstractions;
using ActorRisk.Runtime.Persistence;

namespace ActorRisk.Silo.Tests.Support;

/// <summary>Memory grain storage that keeps a copy of every write, so a test can scan what was stored and count writes.</summary>
public sealed class RecordingGrainStorage : IGrainStorage
{
    private readonly MemoryGrainStorage inner = new();
    private readonly ConcurrentQueue<string> writes = new();

    public int WriteCount => writes.Count;

    /// <summary>Every write, as "type/key/state: json".</summary>
    public IReadOnlyList<string> Writes => [.. writes];

    public Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        inner.ReadAsync(grainId, stateName, cancellationToken);

    public async Task<long> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> json, int schemaVersion, long? expectedVersion, CancellationToken cancellationToken)
    {
        var version = await inner.WriteAsync(grainId, stateName, json, schemaVersion, expectedVersion, cancellationToken);
        writes.Enqueue($"{grainId}/{stateName}: {Encoding.UTF8.GetString(json.Span)}");
        return version;
    }

    public Task ClearAsync(GrainId grainId, string stateName, long? expectedVersion, CancellationToken cancellationToken) =>
        inner.ClearAsync(grainId, stateName, expectedVersion, cancellationToken);
}
