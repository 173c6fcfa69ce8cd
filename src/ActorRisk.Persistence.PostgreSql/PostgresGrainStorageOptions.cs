namespace ActorRisk.Persistence.PostgreSql;

/// <summary>Options of one named PostgreSQL grain storage (bound with Orleans' named options).</summary>
public sealed class PostgresGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Npgsql connection string. Never logged: it may hold a password.</summary>
    [Redact]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Batch concurrent writes from many grains into one transaction (one round trip, one WAL flush); each caller
    /// still awaits its own commit. Off: one transaction per write.
    /// </summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>Batch concurrent activation reads into one query over arrays of keys. Off: one query per read.</summary>
    public bool GroupRead { get; set; } = true;

    /// <summary>At most this many writes per group-commit transaction (and reads per group read).</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Group-commit transactions (and group reads) that may be in flight at once, each on its own connection.</summary>
    public int MaxConcurrentBatches { get; set; } = 2;

    /// <summary>
    /// Turns grain state into the stored bytes and back. The column is jsonb, so it must write UTF-8 JSON.
    /// Defaults to the IGrainStorageSerializer registered for this storage's name, or else the silo's.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    /// <summary>The silo lifecycle stage at which the storage migrates its database (a failure stops the silo's start).</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;
}
