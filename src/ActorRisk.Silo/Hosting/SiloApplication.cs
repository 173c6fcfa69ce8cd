using System.Security.Cryptography;
using ActorRisk.Api;
using ActorRisk.Api.Security;
using ActorRisk.Grains;
using ActorRisk.Grains.Idempotency;
using ActorRisk.Grains.Settings;
using ActorRisk.ReadModels;
using ActorRisk.Portal;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ActorRisk.Silo.Hosting;

/// <summary>
/// Builds the silo, one concern after the other: configuration, the read models, the Orleans silo with ActorRisk's
/// grains and storage (memory by default, PostgreSQL or Azure Table storage with --storage), the HTTP API
/// (ActorRisk.Api), the portal, demo data, the request pipeline, and the banner printed at start.
/// </summary>
public static class SiloApplication
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static readonly ConfigurationKey Urls = new("urls", "string", DefaultUrl,
        "The addresses the API and the portal listen on, separated by `;` (ASP.NET Core's own key).")
    {
        EnvironmentVariable = "ASPNETCORE_URLS",
    };

    /// <summary>The command line's short forms of the keys set most often.</summary>
    internal static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--storage"] = $"{SiloOptions.Section}:{nameof(SiloOptions.Storage)}",
        ["--connection-string"] = StorageSettings.GrainStore.Key,
        ["--read-models"] = StorageSettings.ReadModels.Key,
        ["--role"] = $"{SiloOptions.Section}:{nameof(SiloOptions.Role)}",
    };

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        // Configuration. The application is this assembly wherever it is hosted (a test process too): static assets are
        // found by its name.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(SiloApplication).Assembly.GetName().Name });

        // Serves the portal's assets (and their compressed forms) from the build output in every environment when
        // run from source or tests; a published silo serves its own copies and this does nothing there.
        builder.WebHost.UseStaticWebAssets();
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        if (string.IsNullOrEmpty(builder.Configuration[Urls.Key]) && string.IsNullOrEmpty(builder.Configuration[Urls.EnvironmentVariable]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        customize?.Invoke(builder);
        var settings = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var storage = StorageSettings.From(builder.Configuration, settings.Storage);
        var orleans = builder.Configuration.GetSection(OrleansOptions.Section).Get<OrleansOptions>() ?? new OrleansOptions();
        orleans.Validate();
        var portalUsers = PortalUsersFrom(builder, storage.Mode, out var generatedUsers);
        builder.Services.AddSingleton(TimeProvider.System);

        // Read models first: their schema (with the grain storage's, in PostgreSQL) is migrated before the silo starts.
        builder.Services.AddActorRiskReadModels(storage.ReadModelsConnectionString);
        AddStorageHealthCheck(builder.Services.AddHealthChecks(), storage);

        // The Orleans silo (or, in an API tier, the client of the silos' cluster), before every hosted service that calls
        // grains at start: hosted services start in order.
        var role = settings.HostRole;
        if (role == HostRole.Silo)
        {
            builder.UseOrleans(silo => SiloComposition.Configure(silo, storage, orleans));
            builder.Services.AddActorRiskGrains();
            builder.Services.AddSingleton(MerchantSettingsFrom(settings));
        }
        else
        {
            builder.UseOrleansClient(client => ClientComposition.Configure(client, storage, orleans));
            builder.Services.AddActorRiskGrainCallers();
        }

        Telemetry.Add(builder);
        builder.Services.Configure<IdempotencyOptions>(builder.Configuration.GetSection(IdempotencyOptions.Section));

        // The HTTP API, then the cluster-wide settings (policies, suspensions, lockdowns; portal users and API keys):
        // read at start, so edits stored before a restart apply again, and refreshed every second from their grains.
        builder.Services.AddActorRiskApi(builder.Configuration, storage.Durable ? storage.Mode.ToString() : null, portalUsers);
        builder.Services.Configure<ClusterSettingsOptions>(builder.Configuration.GetSection(ClusterSettingsOptions.Section));
        builder.Services.AddHostedService<ClusterSettingsSync>();

        // The portal, its data-protection keys shared through the read-model database in durable modes.
        var keyOptions = builder.Configuration.GetSection(PortalKeyOptions.Section).Get<PortalKeyOptions>() ?? new PortalKeyOptions();
        var keyProtection = keyOptions.Resolve(storage.Durable, builder.Environment.IsDevelopment());
        builder.Services.AddActorRiskPortal(sharedKeyRing: storage.Durable, keyProtection);

        // Demo data, from a silo: an API tier serves the cluster's.
        if (role == HostRole.Silo && (settings.Demo.SeedData ?? storage.Mode == StorageMode.Memory))
        {
            builder.Services.AddSingleton<DemoData>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoData>());
        }

        // The pipeline: the portal's pages and live regions, then the API.
        var app = builder.Build();
        if (storage.Durable && keyProtection is null)
        {
            PortalKeyLog.KeysStoredInClear(app.Services.GetRequiredService<ILogger<PortalKeyOptions>>(), PortalKeyOptions.CertificateKey);
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapActorRiskPortal();
        app.MapActorRiskApi();

        // The banner, once the server listens.
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app, role, storage.Mode, generatedUsers));
        return app;
    }

    // Portal users: ActorRisk:Users (password hashes) always; ActorRisk:Demo:Users (clear passwords, hashed here) in
    // Development or the embedded memory mode; with neither in memory mode, three demo users with fresh passwords.
    private static List<PortalUserOptions> PortalUsersFrom(WebApplicationBuilder builder, StorageMode storage, out IReadOnlyList<PortalUserOptions> generated)
    {
        var users = builder.Configuration.GetSection(PortalUserOptions.ConfiguredSection).Get<List<PortalUserOptions>>() ?? [];
        if (users.Any(u => u.Password is not null))
        {
            throw new InvalidOperationException("ActorRisk:Users takes PasswordHash (ASP.NET Core PasswordHasher), never a clear Password.");
        }

        generated = [];
        var demoAllowed = builder.Environment.IsDevelopment() || storage == StorageMode.Memory;
        var demo = builder.Configuration.GetSection(PortalUserOptions.DemoSection).Get<List<PortalUserOptions>>() ?? [];
        if (demo.Count > 0 && demoAllowed)
        {
            users.AddRange(demo);
        }
        else if (users.Count == 0 && demoAllowed)
        {
            generated = [.. PortalRoleNames.All.Select(role => new PortalUserOptions
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
        settings.Merchants.Validate();
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

    private static void PrintBanner(WebApplication app, HostRole role, StorageMode storage, IReadOnlyList<PortalUserOptions> generatedUsers)
    {
        var demoKey = app.Services.GetRequiredService<DemoApiKey>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine(role == HostRole.Api ? $"ActorRisk API tier running (Orleans client of the silos' cluster; {storage.ToString().ToLowerInvariant()} storage; hosts no grains)" : storage switch
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

        if (demoKey.Generated is { } generated)
        {
            Console.WriteLine($"  Demo API key for this run (X-Api-Key; every role: {string.Join(", ", Roles.All)}): {generated}");
        }
        else if (demoKey.Configured)
        {
            Console.WriteLine("  Demo API key: configured (ActorRisk:Demo:ApiKey; every role), not shown");
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
