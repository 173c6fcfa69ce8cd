using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ActorRisk.Silo.Hosting;

/// <summary>
/// Metrics and traces, exported where the deployment says: over OTLP when an endpoint is configured (the standard
/// OTEL_EXPORTER_OTLP_ENDPOINT, and the other OTEL_* variables for headers, protocol and service name), and to
/// Application Insights when its connection string is (the standard APPLICATIONINSIGHTS_CONNECTION_STRING, as the Azure
/// deployment sets it; logs go there too). Both collect Orleans' meter and activity sources (grain calls, storage,
/// lifecycle) beside ActorRisk's own meters and ASP.NET Core's. With neither nothing is collected, so the authorization
/// path pays nothing for it. Nothing exported carries a card number: the API tokenizes it before any grain call, and
/// routes are templates (/v1/cards/{cardToken}).
/// </summary>
internal static class Telemetry
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ApplicationInsightsKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static void Add(WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrEmpty(builder.Configuration[EndpointKey]);
        var applicationInsights = !string.IsNullOrEmpty(builder.Configuration[ApplicationInsightsKey]);
        if (!otlp && !applicationInsights)
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans")
                .AddMeter("ActorRisk.*")
                .AddAspNetCoreInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(Orleans.Diagnostics.ActivitySources.AllActivitySourceName)
                .AddAspNetCoreInstrumentation());
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        if (applicationInsights)
        {
            // Reads the connection string from configuration itself; the managed identity is not needed for ingestion.
            telemetry.UseAzureMonitor();
        }
    }
}
