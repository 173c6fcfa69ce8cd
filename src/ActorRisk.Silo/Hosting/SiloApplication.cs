using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorRisk.Grains;
using ActorRisk.Grains.Access;
using ActorRisk.Grains.Idempotency;
using ActorRisk.ReadModels;
using ActorRisk.ReadModels.DataProtection;
using ActorRisk.Silo.Access;
using ActorRisk.Silo.Alerts;
using ActorRisk.Silo.Api;
using ActorRisk.Silo.Audit;
using ActorRisk.Silo.Portal;
using ActorRisk.Silo.Portfolio;
using ActorRisk.Silo.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorRisk.Silo.Hosting;

/// <summary>
/// Builds the silo: Kestrel, the grain runtime with ActorRisk's grains, storage (memory by default, PostgreSQL
/// with --storage postgres or a connection string), API keys, problem details, health and OpenAPI.
/// </summary>
public static class SiloApplication
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--storage"] = "ActorRisk:Storage",
        ["--connection-string"] = "ConnectionStrings:ActorRisk",
        ["--read-models"] = "ConnectionStrings:ReadModels",
    };

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        // The application is this assembly wherever it is hosted (a test process too): static assets are found by its name.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(SiloApplication).Assembly.GetName().Name });

        // Serves the portal's assets (and their compressed forms) from the build output in every environment when
        // run from source or tests; a published silo serves its own copies and this does nothing there.
        builder.WebHost.UseStaticWebAssets();
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        customize?.Invoke(builder);
        var settings = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var storage = StorageSettings.From(builder.Configuration, settings.Storage);
        var orleans = builder.Configuration.GetSection(OrleansOptions.Section).Get<OrleansOptions>() ?? new OrleansOptions();
        var demoKey = ConfigureApiKeys(settings);
        builder.Services.Configure<SiloOptions>(builder.Configuration.GetSection(SiloOptions.Section));
        builder.Services.PostConfigure<SiloOptions>(o => o.Demo.ApiKey = demoKey);
        builder.Services.Configure<IdempotencyOptions>(builder.Configuration.GetSection(IdempotencyOptions.Section));
        builder.Services.AddSingleton(new ApiKeyStore(settings.ApiKeys));
        builder.Services.AddSingleton(new PanTokenizer(TokenizationKey(settings, storage)));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes);

        // Read models first: their schema (with the grain storage's, in PostgreSQL) is migrated before the silo starts.
        builder.Services.AddActorRiskReadModels(storage.ReadModelsConnectionString);
        AddStorageHealthCheck(builder.Services.AddHealthChecks(), storage);

        // The Orleans silo, before every hosted service that calls grains at start (hosted services start in order).
        builder.UseOrleans(silo => SiloComposition.Configure(silo, storage, orleans));
        Telemetry.Add(builder);
        builder.Services.AddActorRiskGrains();
        builder.Services.AddSingleton<IAccessDirectory, SiloAccessDirectory>();
        builder.Services.AddSingleton(MerchantSettingsFrom(settings));
        builder.Services.Configure<AlertOptions>(builder.Configuration.GetSection(AlertOptions.Section));
        builder.Services.AddSingleton<IMerchantAlertSink, AlertSink>();
        var alerts = builder.Configuration.GetSection(AlertOptions.Section).Get<AlertOptions>() ?? new AlertOptions();
        if (alerts.WebhookConfigured && string.IsNullOrEmpty(alerts.WebhookSecret))
        {
            throw new InvalidOperationException("ActorRisk:Alerts:WebhookSecret is required with a webhook URL: receivers verify every alert's signature with it.");
        }

        // A redirect is not a delivery: following it would turn the POST into a GET elsewhere and count it as delivered.
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        builder.Services.AddHostedService<WebhookDispatcher>();
        builder.Services.AddHostedService<PolicyLoader>();
        builder.Services.AddHostedService<AccessLoader>();
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddHostedService<LiveStreamBridge>();

        // Portal cookies and antiforgery tokens are protected with one key ring for every silo: in durable modes the
        // ring lives in the read-model database, so a sign-in survives restarts and any silo reads it. In memory mode the
        // keys live and die with the process (a restart signs everyone out), and no unencrypted key file is written.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("ActorRisk");
        if (storage.Durable)
        {
            dataProtection.PersistKeysToReadModels();
        }
        else
        {
            dataProtection.UseEphemeralDataProtectionProvider();
        }

        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(PortalAuth.Scheme, o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "actorrisk.portal";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = PortalAuth.ValidatePrincipalAsync;
            });
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddRazorComponents();
        builder.Services.AddSingleton<FragmentRenderer>();
        builder.Services.AddSingleton<CardOperations>();
        builder.Services.AddSingleton<MerchantOperations>();
        builder.Services.AddSingleton<CardSearch>();
        builder.Services.AddSingleton<RequestOwnership>();
        builder.Services.AddSingleton<MerchantRecorder>();
        builder.Services.AddSingleton<AlertOperations>();
        builder.Services.AddSingleton<AccessOperations>();
        builder.Services.AddSingleton<DecisionStatistics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DecisionStatistics>());
        var portalUsers = PortalUsersFrom(builder, storage.Mode, out var generatedUsers);
        builder.Services.AddSingleton(sp => new PortalUsers(portalUsers, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Gateway, p => p.RequireRole(Roles.Gateway))
            .AddPolicy(Policies.Operator, p => p.RequireRole(Roles.Operator, Roles.Admin))
            .AddPolicy(Policies.Reader, p => p.RequireRole(Roles.Operator, Roles.Admin, Roles.Gateway, Roles.BackOffice))
            .AddPolicy(Policies.Ingest, p => p.RequireRole(Roles.BackOffice, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(PortalAuth.Policies.Read, p => p.AddAuthenticationSchemes(PortalAuth.Scheme).RequireRole(PortalAuth.Analyst, PortalAuth.Operator, PortalAuth.Admin))
            .AddPolicy(PortalAuth.Policies.Operate, p => p.AddAuthenticationSchemes(PortalAuth.Scheme).RequireRole(PortalAuth.Operator, PortalAuth.Admin))
            .AddPolicy(PortalAuth.Policies.Administer, p => p.AddAuthenticationSchemes(PortalAuth.Scheme).RequireRole(PortalAuth.Admin));
        builder.Services.AddOpenApi();
        if (settings.Demo.SeedData ?? storage.Mode == StorageMode.Memory)
        {
            builder.Services.AddSingleton<DemoData>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoData>());
        }

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<Components.App>();
        app.MapPortalEndpoints();
        app.MapLiveEndpoints();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapAuthorizationEndpoints();
        app.MapCardEndpoints();
        app.MapMerchantEndpoints();
        app.MapMerchantSuspensionEndpoints();
        app.MapBulkRecordEndpoints();
        app.MapAlertEndpoints();
        app.MapMonthCloseEndpoints();
        if (app.Configuration.GetValue<bool>("ActorRisk:Benchmark:BareEndpoint"))
        {
            app.MapBaselineEndpoint();
        }
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app, storage.Mode, demoKey, generatedUsers));
        return app;
    }

    /// <summary>The demo key: configured, or generated when no key at all is configured. Added to the keys with every role.</summary>
    private static string? ConfigureApiKeys(SiloOptions settings)
    {
        var demoKey = settings.Demo.ApiKey;
        if (string.IsNullOrEmpty(demoKey) && settings.ApiKeys.Count == 0)
        {
            demoKey = "ar_demo_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        }

        if (!string.IsNullOrEmpty(demoKey))
        {
            settings.ApiKeys.Add(new ApiKeyOptions { Name = "demo", Sha256 = ApiKeyStore.Hash(demoKey), Roles = [.. Roles.All] });
        }

        return demoKey;
    }

    private static byte[] TokenizationKey(SiloOptions settings, StorageSettings storage)
    {
        if (!string.IsNullOrEmpty(settings.Tokenization.Key))
        {
            try
            {
                return Convert.FromBase64String(settings.Tokenization.Key);
            }
            catch (FormatException exception)
            {
                throw new InvalidOperationException("ActorRisk:Tokenization:Key must be base64 (at least 32 bytes).", exception);
            }
        }

        if (storage.Durable)
        {
            throw new InvalidOperationException(
                $"{storage.Mode} storage needs a stable tokenization key: set ActorRisk:Tokenization:Key (environment ActorRisk__Tokenization__Key) to 32+ random bytes in base64.");
        }

        return RandomNumberGenerator.GetBytes(32); // memory mode: tokens live as long as the process, like the state
    }

    // Portal users: ActorRisk:Users (password hashes) always; ActorRisk:Demo:Users (clear passwords, hashed here) in
    // Development or the embedded memory mode; with neither in memory mode, three demo users with fresh passwords.
    private static List<PortalUserOptions> PortalUsersFrom(WebApplicationBuilder builder, StorageMode storage, out IReadOnlyList<PortalUserOptions> generated)
    {
        var users = builder.Configuration.GetSection("ActorRisk:Users").Get<List<PortalUserOptions>>() ?? [];
        if (users.Any(u => u.Password is not null))
        {
            throw new InvalidOperationException("ActorRisk:Users takes PasswordHash (ASP.NET Core PasswordHasher), never a clear Password.");
        }

        generated = [];
        var demoAllowed = builder.Environment.IsDevelopment() || storage == StorageMode.Memory;
        var demo = builder.Configuration.GetSection("ActorRisk:Demo:Users").Get<List<PortalUserOptions>>() ?? [];
        if (demo.Count > 0 && demoAllowed)
        {
            users.AddRange(demo);
        }
        else if (users.Count == 0 && demoAllowed)
        {
            generated = [.. PortalAuth.Roles.Select(role => new PortalUserOptions
            {
                UserName = role,
                Password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y'),
                Roles = [role],
            })];
            users.AddRange(generated);
        }

        return users;
    }

    // Ready when the stores answer: the read-model database in durable modes (and the tables in Azure mode); memory, always.
    private static void AddStorageHealthCheck(IHealthChecksBuilder health, StorageSettings storage)
    {
        if (!storage.Durable)
        {
            health.Add(new("storage", _ => new StorageHealthCheck(_ => Task.CompletedTask), null, ["ready"]));
            return;
        }

        health.Add(new("storage", sp => new StorageHealthCheck(async ct =>
        {
            await using var command = sp.GetRequiredService<ReadModelDatabase>().DataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(ct);
            if (storage.Tables is { } tables)
            {
                await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages().WithCancellation(ct))
                {
                    break;
                }
            }
        }), null, ["ready"]));
    }

    private static MerchantSettings MerchantSettingsFrom(SiloOptions settings)
    {
        try
        {
            return new MerchantSettings
            {
                MonthCloseGrace = settings.Merchants.MonthCloseGrace,
                CardTestingDistinctCards = settings.Merchants.CardTestingDistinctCards,
                CardTestingWindow = settings.Merchants.CardTestingWindow,
                CardTestingLockdown = settings.Merchants.CardTestingLockdown,
                Rates = new ExchangeRateTable(settings.ExchangeRates),
            };
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"ActorRisk:ExchangeRates is not valid: {exception.Message}", exception);
        }
    }

    private static void PrintBanner(WebApplication app, StorageMode storage, string? demoKey, IReadOnlyList<PortalUserOptions> generatedUsers)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine(storage switch
        {
            StorageMode.Postgres => "ActorRisk silo running (Orleans; PostgreSQL storage, durable: every answer is committed first)",
            StorageMode.Azure => "ActorRisk silo running (Orleans; Azure Table storage, durable: every answer is committed first; read models in PostgreSQL)",
            _ => "ActorRisk silo running (Orleans; memory storage)",
        });
        foreach (var address in addresses)
        {
            Console.WriteLine($"  Portal:   {address}/");
            Console.WriteLine($"  API:      {address}/v1/authorizations");
            Console.WriteLine($"  OpenAPI:  {address}/openapi/v1.json");
            Console.WriteLine($"  Health:   {address}/health/ready");
        }

        if (!string.IsNullOrEmpty(demoKey))
        {
            Console.WriteLine($"  Demo API key (X-Api-Key; every role: gateway, operator, backoffice, admin): {demoKey}");
        }

        foreach (var user in generatedUsers)
        {
            Console.WriteLine($"  Portal demo user (role {user.Roles[0]}): {user.UserName} / {user.Password}");
        }

        if (app.Services.GetService<DemoData>()?.TesterToken is { } tester)
        {
            Console.WriteLine($"  Demo card blocked by a card-testing burst: GET /v1/cards/{tester}");
        }

        Console.WriteLine();
    }
}
