using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ActorRisk.Api.Diagnostics;
using ActorRisk.Grains.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// What the silo's own instruments record while authorizations by card number run end to end (HTTP, tokenization,
/// card grains, the forwarder): tags from small closed sets, never the card number, its token, the merchant or the
/// request ids. An exporter sends every tag value to Application Insights or the OTLP collector as it is.
/// </summary>
public sealed class MetricsSecrecyTests
{
    [Fact]
    public async Task NoActorRiskTagCarriesACardNumberTokenMerchantOrRequestId()
    {
        var setup = new SiloSetup();
        var pan = Pans.NewValid();
        var token = setup.Tokenizer().Tokenize(pan).Token;
        var merchantId = $"merchant-{Guid.NewGuid():N}";
        var ids = Enumerable.Range(0, 5).Select(_ => Auth.NewId()).ToList();
        var measurements = new ConcurrentQueue<(string Instrument, string?[] Values)>();

        await using var silo = new SiloFactory(setup);
        using var gateway = silo.Client(TestKeys.Gateway);
        using var listener = Listen(silo.Service<IMeterFactory>(), measurements);

        // A burst of small authorizations that blocks the card, the retry of one, and a guessed API key.
        foreach (var id in ids)
        {
            await gateway.PostReplyAsync("/v1/authorizations", Auth.Request(id, pan, 1, merchantId));
        }

        var retry = await gateway.PostReplyAsync("/v1/authorizations", Auth.Request(ids[^1], pan, 1, merchantId));
        using var guessing = silo.Client("ar_guessed_" + pan);
        await guessing.PostReplyAsync("/v1/authorizations", Auth.Request(Auth.NewId(), pan, 1, merchantId));

        // The forwarder hands the counts to the merchant on its one-second timer.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!measurements.Any(m => m.Instrument == GrainMetrics.HandOversName) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        var seen = measurements.ToList();
        Assert.Equal(ids.Count, seen.Count(m => m.Instrument == GrainMetrics.AuthorizationsName));
        Assert.Single(seen, m => m.Instrument == GrainMetrics.ReplayedName);
        Assert.Single(seen, m => m.Instrument == GrainMetrics.CardsBlockedName);
        Assert.Single(seen, m => m.Instrument == ApiMetrics.ApiKeyRejectedName);
        Assert.Contains(seen, m => m.Instrument == GrainMetrics.HandOversName);
        string[] secrets = [pan, pan[..^4], token, merchantId, .. ids];
        foreach (var (instrument, values) in seen)
        {
            foreach (var value in values)
            {
                Assert.DoesNotContain(secrets, secret => value is not null && value.Contains(secret, StringComparison.OrdinalIgnoreCase));
                Assert.True(value is null || value.Length <= 40, $"{instrument}: the tag value '{value}' is not from a small closed set");
            }
        }
    }

    // Every instrument of an ActorRisk meter made by this silo's meter factory, whatever its type.
    private static MeterListener Listen(IMeterFactory meters, ConcurrentQueue<(string, string?[])> measurements)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name.StartsWith("ActorRisk.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            var values = new string?[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                values[i] = Convert.ToString(tags[i].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            measurements.Enqueue((instrument.Name, values));
        }

        listener.SetMeasurementEventCallback<long>(Record);
        listener.SetMeasurementEventCallback<int>(Record);
        listener.SetMeasurementEventCallback<double>(Record);
        listener.Start();
        return listener;
    }
}
