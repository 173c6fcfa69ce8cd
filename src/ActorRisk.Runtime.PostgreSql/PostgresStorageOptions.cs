namespace ActorRisk.Runtime.PostgreSql;

public sealed class PostgresStorageOptions
{
    /// <summary>
    /// Batch concurrent writes from many grains into one transaction (one round trip, one fsync); each caller
    /// still awaits its own commit. Off: one transaction per write.
    /// </summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>
    /// Batch concurrent activation reads into one query over arrays of keys (one round trip per batch). Off: one
    /// query per read.
    /// </summary>
    public bool GroupRead { get; set; } = true;

    /// <summary>At most this many writes per group-commit transaction (and reads per group read).</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Group-commit transactions (and group reads) that may be in flight at once, each on its own connection.</summary>
    public int MaxConcurrentBatches { get; set; } = 2;

    /// <summary>Expired request records are deleted this many rows per statement.</summary>
    public int PurgeSliceSize { get; set; } = 10_000;
}
