using System.Diagnostics.Metrics;
using ActorRisk.Api.Diagnostics;
using ActorRisk.Grains.Diagnostics;
using ActorRisk.Persistence.PostgreSql;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// docs/telemetry.md lists every instrument a silo's ActorRisk meters publish, with its kind and unit, as operators
/// build their alerts from it.
/// </summary>
public sealed class TelemetryReferenceTests
{
    [Fact]
    public async Task EveryActorRiskInstrumentIsDocumentedWithItsKindAndUnit()
    {
        var published = new List<Instrument>();
        await using var silo = new SiloFactory(new SiloSetup());
        var meters = silo.Service<IMeterFactory>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name.StartsWith("ActorRisk.", StringComparison.Ordinal))
                {
                    lock (published)
                    {
                        published.Add(instrument);
                    }
                }
            },
        };
        silo.Service<GrainMetrics>();
        silo.Service<ApiMetrics>();
        listener.Start();

        var reference = await Repository.ReadAsync("docs", "telemetry.md");
        Assert.Contains(published, i => i.Meter.Name == GrainMetrics.MeterName);
        Assert.Contains(published, i => i.Meter.Name == ApiMetrics.MeterName);
        foreach (var instrument in published)
        {
            Assert.Contains($"| `{instrument.Name}` | {Kind(instrument)} | `{instrument.Unit}` |", reference, StringComparison.Ordinal);
        }

        Assert.Contains($"| `{PostgresStorageInstruments.BatchSizeName}` | histogram | `{{write}}` |", reference, StringComparison.Ordinal);
    }

    private static string Kind(Instrument instrument) => instrument.GetType().GetGenericTypeDefinition() switch
    {
        var t when t == typeof(Counter<>) => "counter",
        var t when t == typeof(Histogram<>) => "histogram",
        var t when t == typeof(ObservableGauge<>) => "observable gauge",
        var t => t.Name,
    };
}
