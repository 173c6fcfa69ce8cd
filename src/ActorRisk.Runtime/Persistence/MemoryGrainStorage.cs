namespace ActorRisk.Runtime.Persistence;

/// <summary>
/// The embedded default (Orleans' AddMemoryGrainStorage): state kept as JSON bytes in process memory with
/// the same version checks as PostgreSQL, so grains behave the same on both. Lost when the process ends.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(GrainId, string), StoredState> rows = new();

    public int Count => rows.Count;

    public Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        Task.FromResult(rows.TryGetValue((grainId, stateName), out var row) ? row : null);

    public Task<long> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> json, int schemaVersion, long? expectedVersion, CancellationToken cancellationToken)
    {
        var key = (grainId, stateName);
        var copy = json.ToArray();
        while (true)
        {
            if (rows.TryGetValue(key, out var current))
            {
                if (current.Version != expectedVersion)
                {
                    throw Conflict(grainId, stateName, expectedVersion, current.Version);
                }

                var next = new StoredState(copy, schemaVersion, current.Version + 1);
                if (rows.TryUpdate(key, next, current))
                {
                    return Task.FromResult(next.Version);
                }
            }
            else
            {
                if (expectedVersion is not null)
                {
                    throw Conflict(grainId, stateName, expectedVersion, null);
                }

                if (rows.TryAdd(key, new StoredState(copy, schemaVersion, 1)))
                {
                    return Task.FromResult(1L);
                }
            }
        }
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
