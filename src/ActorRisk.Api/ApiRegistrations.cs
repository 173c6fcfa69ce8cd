using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorRisk.Api.Access;
using ActorRisk.Api.Alerts;
using ActorRisk.Api.Cards;
using ActorRisk.Api.Diagnostics;
using ActorRisk.Api.Endpoints;
using ActorRisk.Api.Merchants;
using ActorRisk.Api.Security;
using ActorRisk.Grains.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api;

/// <summary>How a host adds ActorRisk's HTTP API: <see cref="AddActorRiskApi"/> for its services, <see cref="MapActorRiskApi"/> for its endpoints.</summary>
public static class ApiRegistrations
{
    /// <summary>
    /// Registers the API: its keys (and the demo key), PAN tokenization, body limits, problem details and JSON, the API-key
    /// scheme and the API's policies, OpenAPI, the operations the API and the portal share (cards, merchants, alerts,
    /// access), the merchant alerts' sink and webhook, and the access grain's view of this silo. It needs the read
    /// models and the grains' services, and reaches grains through <see cref="IGrainFactory"/> only.
    /// </summary>
    /// <param name="durableStorage">
    /// The storage mode's name (Postgres, Azure) when grain state outlives the process, or null in memory mode: durable
    /// state is keyed by card tokens, so a tokenization key must then be configured, and changed only by a rotation (docs/operations.md).
    /// </param>
    /// <param name="portalUsers">The portal users from configuration; administrators manage others beside them.</param>
    public static IServiceCollection AddActorRiskApi(this IServiceCollection services, IConfiguration configuration, string? durableStorage, IEnumerable<PortalUserOptions> portalUsers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ApiOptions.Section);
        var settings = section.Get<ApiOptions>() ?? new ApiOptions();
        services.AddSingleton(ConfigureApiKeys(settings));
        services.Configure<ApiOptions>(section);
        services.AddSingleton(new ApiKeyStore(settings.ApiKeys));
        services.AddSingleton(CardTokenKeyConfiguration.Tokenizer(settings.Tokenization, durableStorage));
        services.AddMetrics();
        services.TryAddSingleton<ApiMetrics>();
        services.AddSingleton(sp => new PortalUsers(portalUsers, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ApiMetrics>()));
        services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes);
        services.AddSingleton<IAccessDirectory, SiloAccessDirectory>();
        AddAlerts(services, configuration);

        services.AddProblemDetails();
        services.AddExceptionHandler<TransientFailureHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddApiPermissionPolicies();
        services.AddSingleton<CardOperations>();
        services.AddSingleton<MerchantOperations>();
        services.AddSingleton<CardSearch>();
        services.AddSingleton<RequestOwnership>();
        services.AddSingleton<MerchantRecorder>();
        services.AddSingleton<AlertOperations>();
        services.AddSingleton<AccessOperations>();
        services.AddHealthChecks();
        services.AddOpenApi();
        return services;
    }

    /// <summary>Maps the API's endpoints: OpenAPI, health, and /v1 (and /bench/bare when ActorRisk:Benchmark:BareEndpoint is on).</summary>
    public static IEndpointRouteBuilder MapActorRiskApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapAuthorizationEndpoints();
        app.MapCardEndpoints();
        app.MapMerchantEndpoints();
        app.MapMerchantHistoryEndpoints();
        app.MapMerchantSuspensionEndpoints();
        app.MapBulkRecordEndpoints();
        app.MapAlertEndpoints();
        app.MapMonthCloseEndpoints();
        if (app.ServiceProvider.GetRequiredService<IOptions<ApiOptions>>().Value.Benchmark.BareEndpoint)
        {
            app.MapBaselineEndpoint();
        }

        return app;
    }

    /// <summary>The demo key: configured, or generated when no key at all is configured. Added to the keys with every role.</summary>
    private static DemoApiKey ConfigureApiKeys(ApiOptions settings)
    {
        var configured = !string.IsNullOrEmpty(settings.Demo.ApiKey);
        var generated = !configured && settings.ApiKeys.Count == 0
            ? "ar_demo_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_')
            : null;
        if ((configured ? settings.Demo.ApiKey : generated) is { } key)
        {
            settings.ApiKeys.Add(new ApiKeyOptions { Name = "demo", Sha256 = ApiKeyStore.Hash(key), Roles = [.. Roles.All] });
        }

        return new DemoApiKey(generated, configured);
    }

    // Merchant grains' alerts go to the outbox and the live stream; the dispatcher delivers them to the webhook, if any.
    private static void AddAlerts(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AlertOptions>(configuration.GetSection(AlertOptions.Section));
        services.AddSingleton<IMerchantAlertSink, AlertSink>();
        var alerts = configuration.GetSection(AlertOptions.Section).Get<AlertOptions>() ?? new AlertOptions();
        if (alerts.WebhookConfigured && string.IsNullOrEmpty(alerts.WebhookSecret))
        {
            throw new InvalidOperationException("ActorRisk:Alerts:WebhookSecret is required with a webhook URL: receivers verify every alert's signature with it.");
        }

        // A redirect is not a delivery: following it would turn the POST into a GET elsewhere and count it as delivered.
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddHostedService<WebhookDispatcher>();
    }
}
