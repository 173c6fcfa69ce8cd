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

    /// <summary>Every write, as "type/key/state: json", and every request record written with one, as "request scope:id: json".</summary>
    public IReadOnlyList<string> Writes => [.. writes];

    public Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        inner.ReadAsync(grainId, stateName, cancellationToken);

    public async Task<long> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> json, int schemaVersion, long? expectedVersion, CancellationToken cancellationToken)
    {
        var version = await inner.WriteAsync(grainId, stateName, json, schemaVersion, expectedVersion, cancellationToken);
        writes.Enqueue($"{grainId}/{stateName}: {Encoding.UTF8.GetString(json.Span)}");
        return version;
    }

    public async Task<RequestWriteResult> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> json, int schemaVersion, long? expectedVersion, RequestRecord request, CancellationToken cancellationToken)
    {
        var result = await inner.WriteAsync(grainId, stateName, json, schemaVersion, expectedVersion, request, cancellationToken);
        if (result.Duplicate is null)
        {
            writes.Enqueue($"{grainId}/{stateName}: {Encoding.UTF8.GetString(json.Span)}");
            writes.Enqueue($"request {request.Request}: {Encoding.UTF8.GetString(request.AnswerJson.Span)}");
        }

        return result;
    }

    public Task ClearAsync(GrainId grainId, string stateName, long? expectedVersion, CancellationToken cancellationToken) =>
        inner.ClearAsync(grainId, stateName, expectedVersion, cancellationToken);

    public Task<IReadOnlyList<string>> ListKeysAsync(string grainType, string stateName, string? afterKey, int limit, CancellationToken cancellationToken) =>
        inner.ListKeysAsync(grainType, stateName, afterKey, limit, cancellationToken);

    public Task<AppliedRequest?> ReadRequestAsync(RequestId request, CancellationToken cancellationToken) => inner.ReadRequestAsync(request, cancellationToken);

    public Task<long> PurgeRequestsAsync(DateTimeOffset appliedBefore, CancellationToken cancellationToken) => inner.PurgeRequestsAsync(appliedBefore, cancellationToken);
}
