using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ActorRisk.Persistence.Tests.Support;

/// <summary>Records the group-commit batch sizes of one named storage (histogram actorrisk.storage.batch.size) while it lives.</summary>
internal sealed class BatchSizeRecorder : IDisposable
{
    private readonly MeterListener listener = new();

    public BatchSizeRecorder(string storageName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PostgresStorageInstruments.MeterName && instrument.Name == PostgresStorageInstruments.BatchSizeName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == PostgresStorageInstruments.StorageTag && Equals(tag.Value, storageName))
                {
                    Sizes.Enqueue(value);
                }
            }
        });
        listener.Start();
    }

    public ConcurrentQueue<int> Sizes { get; } = new();

    public void Dispose() => listener.Dispose();
}
