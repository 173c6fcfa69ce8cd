using System.Diagnostics.Metrics;

namespace ActorRisk.Runtime.Diagnostics;

/// <summary>
/// The runtime's metrics and traces (System.Diagnostics): export them with OpenTelemetry or watch them with
/// dotnet-counters under the meter and source name "ActorRisk.Runtime".
/// </summary>
public static class RuntimeInstruments
{
    public const string Name = "ActorRisk.Runtime";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name, "1.0");

    internal static readonly UpDownCounter<long> Activations = Meter.CreateUpDownCounter<long>("actorrisk.activations", "{activation}", "Grain activations alive now.");

    internal static readonly Counter<long> ActivationsCreated = Meter.CreateCounter<long>("actorrisk.activations.created", "{activation}");

    internal static readonly Counter<long> ActivationsFailed = Meter.CreateCounter<long>("actorrisk.activations.failed", "{activation}");

    internal static readonly Counter<long> ActivationsDeactivated = Meter.CreateCounter<long>("actorrisk.activations.deactivated", "{activation}");

    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>("actorrisk.grain.calls", "{call}");

    internal static readonly Counter<long> CallsFailed = Meter.CreateCounter<long>("actorrisk.grain.calls.failed", "{call}");

    internal static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("actorrisk.grain.call.duration", "ms", "Time from call to result, queueing included.");

    internal static readonly Histogram<double> StorageReadDuration = Meter.CreateHistogram<double>("actorrisk.storage.read.duration", "ms");

    internal static readonly Histogram<double> StorageWriteDuration = Meter.CreateHistogram<double>("actorrisk.storage.write.duration", "ms", "Time until the write is durable.");

    internal static readonly Counter<long> StorageConflicts = Meter.CreateCounter<long>("actorrisk.storage.conflicts", "{write}");

    internal static readonly Counter<long> DuplicateRequests = Meter.CreateCounter<long>("actorrisk.requests.duplicates", "{request}", "Requests refused because they were already applied (retries).");

    internal static readonly Counter<long> RequestsPurged = Meter.CreateCounter<long>("actorrisk.requests.purged", "{request}", "Applied-request records forgotten after the retention period.");

    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("actorrisk.storage.batch.size", "{write}", "Writes committed in one group-commit transaction.");

    internal static readonly Counter<long> ReminderTicks = Meter.CreateCounter<long>("actorrisk.reminders.ticks", "{tick}");

    internal static readonly Counter<long> StreamItemsPublished = Meter.CreateCounter<long>("actorrisk.streams.published", "{item}");

    internal static readonly Counter<long> StreamItemsDropped = Meter.CreateCounter<long>("actorrisk.streams.dropped", "{item}", "Items dropped for slow subscribers.");

    internal static double ElapsedMilliseconds(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}
