using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ActorRisk.Silo.Hosting;

/// <summary>
/// Metrics and traces over OTLP when an endpoint is configured (the standard OTEL_EXPORTER_OTLP_ENDPOINT, and the other
/// OTEL_* variables for headers, protocol and service name): Orleans' meter and activity sources (grain calls, storage,
/// lifecycle) beside ActorRisk's own meters and ASP.NET Core's. Without an endpoint nothing is collected, so the
/// authorization path pays nothing for it. Nothing exported carries a card number: the API tokenizes it before any
/// grain call, and routes are templates (/v1/cards/{cardToken}).
/// </summary>
internal static class Telemetry
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void Add(WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[EndpointKey]))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans")
                .AddMeter("ActorRisk.*")
                .AddAspNetCoreInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(Orleans.Diagnostics.ActivitySources.AllActivitySourceName)
                .AddAspNetCoreInstrumentation())
            .UseOtlpExporter();
    }
}
