using System.Diagnostics.Metrics;

namespace ActorRisk.Persistence.PostgreSql;

/// <summary>The storage's metrics (meter "ActorRisk.Persistence.PostgreSql"; add it to OpenTelemetry's meters to export them).</summary>
public static class PostgresStorageInstruments
{
    public const string MeterName = "ActorRisk.Persistence.PostgreSql";

    /// <summary>Name of the histogram of writes per group-commit transaction.</summary>
    public const string BatchSizeName = "actorrisk.storage.batch.size";

    /// <summary>Tag naming the storage provider a measurement comes from.</summary>
    public const string StorageTag = "storage";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Writes per committed group-commit transaction: near 1 when idle, growing with load.</summary>
    internal static Histogram<int> BatchSize { get; } =
        Meter.CreateHistogram<int>(BatchSizeName, unit: "{write}", description: "Writes per group-commit transaction");
}
