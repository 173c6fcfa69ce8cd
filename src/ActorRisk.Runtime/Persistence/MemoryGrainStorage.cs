namespace ActorRisk.Runtime.Persistence;

/// <summary>
/// The embedded default (Orleans' AddMemoryGrainStorage): state kept as JSON bytes in process memory with
/// the same version checks and request records as PostgreSQL, so grains behave the same on both. Lost when the
/// process ends.
/// </summary>
public sealed class MemoryGrainStorage(TimeProvider? clock = null) : IGrainStorage
{
    // A request id is checked and recorded under its stripe's lock, so two grains applying the same id at once
    // cannot both succeed; different ids rarely share a stripe.
    private const int RequestStripes = 64;

    private readonly ConcurrentDictionary<(GrainId, string), StoredState> rows = new();
    private readonly ConcurrentDictionary<RequestId, AppliedRequest> requests = new();
    private readonly Lock[] stripes = [.. Enumerable.Range(0, RequestStripes).Select(_ => new Lock())];
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public int Count => rows.Count;

    public int RequestCount => requests.Count;

    public Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        Task.FromResult(rows.TryGetValue((grainId, stateName), out var row) ? row : null);

    public Task<long> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> json, int schemaVersion, long? expectedVersion, CancellationToken cancellationToken) =>
        Task.FromResult(Write(grainId, stateName, json, schemaVersion, expectedVersion));

    private long Write(GrainId grainId, string stateName, ReadOnlyMemory<byte> json, int schemaVersion, long? expectedVersion)
    {
        var key = (grainId, stateName);
        while (true)
        {
            if (rows.TryGetValue(key, out var current))
            {
                if (current.Version != expectedVersion)
                {
                    throw Conflict(grainId, stateName, expectedVersion, current.Version);
                }

                var next = new StoredState(json, schemaVersion, current.Version + 1);
                if (rows.TryUpdate(key, next, current))
                {
                    return next.Version;
                }
            }
            else
            {
                if (expectedVersion is not null)
                {
                    throw Conflict(grainId, stateName, expectedVersion, null);
                }

                if (rows.TryAdd(key, new StoredState(json, schemaVersion, 1)))
                {
                    return 1;
                }
            }
        }
    }

    public Task<RequestWriteResult> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> json, int schemaVersion, long? expectedVersion, RequestRecord request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (stripes[(int)((uint)request.Request.GetHashCode() % RequestStripes)])
        {
            if (requests.TryGetValue(request.Request, out var applied))
            {
                return Task.FromResult(new RequestWriteResult(expectedVersion ?? 0, applied));
            }

            var version = Write(grainId, stateName, json, schemaVersion, expectedVersion);
            requests[request.Request] = new AppliedRequest(request.Request, grainId, request.AnswerJson, clock.GetUtcNow());
            return Task.FromResult(new RequestWriteResult(version, null));
        }
    }

    public Task<IReadOnlyList<string>> ListKeysAsync(string grainType, string stateName, string? afterKey, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        IReadOnlyList<string> keys = [.. rows.Keys
            .Where(k => k.Item1.Type == grainType && k.Item2 == stateName && (afterKey is null || string.CompareOrdinal(k.Item1.Key, afterKey) > 0))
            .Select(k => k.Item1.Key)
            .Order(StringComparer.Ordinal)
            .Take(limit)];
        return Task.FromResult(keys);
    }

    public Task<AppliedRequest?> ReadRequestAsync(RequestId request, CancellationToken cancellationToken) =>
        Task.FromResult(requests.TryGetValue(request, out var applied) ? applied : null);

    public Task<long> PurgeRequestsAsync(DateTimeOffset appliedBefore, CancellationToken cancellationToken)
    {
        long purged = 0;
        foreach (var (id, applied) in requests)
        {
            if (applied.AppliedAt < appliedBefore && requests.TryRemove(new KeyValuePair<RequestId, AppliedRequest>(id, applied)))
            {
                purged++;
            }
        }

        return Task.FromResult(purged);
    }

    public Task ClearAsync(GrainId grainId, string stateName, long? expectedVersion, CancellationToken cancellationToken)
    {
        var key = (grainId, stateName);
        if (expectedVersion is null)
        {
            return Task.CompletedTask; // nothing was read, so nothing to clear
        }

        if (!rows.TryGetValue(key, out var current))
        {
            throw Conflict(grainId, stateName, expectedVersion, null);
        }

        if (current.Version != expectedVersion || !rows.TryRemove(new KeyValuePair<(GrainId, string), StoredState>(key, current)))
        {
            throw Conflict(grainId, stateName, expectedVersion, current.Version);
        }

        return Task.CompletedTask;
    }

    private static InconsistentStateException Conflict(GrainId grainId, string stateName, long? expected, long? actual) =>
        new($"State '{stateName}' of {grainId} is at version {actual?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, not {expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}.");
}
