namespace ActorRisk.Silo.Hosting;

/// <summary>Where the cluster keeps grain state, reminders, stream subscriptions and (in Azure) membership.</summary>
public enum StorageMode
{
    /// <summary>The embedded default: everything in process memory, localhost clustering, no external server.</summary>
    Memory,

    /// <summary>ActorRisk's PostgreSQL grain storage and reminder table; read models in the same database.</summary>
    Postgres,

    /// <summary>Azure Table storage for grain state, membership and reminders; read models in PostgreSQL.</summary>
    Azure,
}
