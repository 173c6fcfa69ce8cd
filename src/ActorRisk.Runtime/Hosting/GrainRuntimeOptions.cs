namespace ActorRisk.Runtime.Hosting;

public sealed class GrainRuntimeOptions
{
    /// <summary>An activation idle this long is deactivated (Orleans' default: 15 minutes). Per grain type overrides exist.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A call that has no result after this long fails with TimeoutException (Orleans' default: 30 s).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long OnDeactivateAsync may take.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the reminder table is read for due reminders.</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A reminder whose callback failed is tried again after this delay (or its period, if shorter).</summary>
    public TimeSpan ReminderRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Grain ids hash (stable FNV-1a) into this many partitions; storage rows record their partition so a cluster
    /// can lease and fence partitions. It must be the same on every silo and must not change once data exists.
    /// </summary>
    public int PartitionCount { get; set; } = 256;

    /// <summary>
    /// How long a request applied with a request id is remembered: a retry within this time gets the first answer
    /// and changes nothing; after it, the id is forgotten. Gateways retry within minutes; keep it well above that.
    /// </summary>
    public TimeSpan RequestRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often request records older than <see cref="RequestRetention"/> are purged.</summary>
    public TimeSpan RequestPurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many due reminders fire at once.</summary>
    public int ReminderConcurrency { get; set; } = 32;
}
