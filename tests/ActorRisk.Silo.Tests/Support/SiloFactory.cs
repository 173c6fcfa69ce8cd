using System.Security.Cryptography;
using System.Net;
using System.Net.Sockets;
using Orleans.Storage;
using ActorRisk.Api;
using ActorRisk.Api.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ActorRisk.Silo.Tests.Support;

/// <summary>How a test silo is set up: storage, tokenization key, and optional clock, log capture and storage recording.</summary>
public sealed record SiloSetup
{
    /// <summary>Null: memory storage. Otherwise PostgreSQL on this database (the read models' database in Azure mode).</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Azure mode: grain state, membership and reminders in this Azure Storage account (Azurite); read models in <see cref="ConnectionString"/>.</summary>
    public string? AzureStorage { get; init; }

    /// <summary>ActorRisk:Tokenization:Key, the original card-token key; null leaves it out (versioned keys go in <see cref="Extra"/>).</summary>
    public string? TokenizationKey { get; init; } = NewTokenizationKey();

    /// <summary>Replaces the silo's TimeProvider.</summary>
    public ManualClock? Clock { get; init; }

    /// <summary>
    /// With <see cref="Clock"/>: Orleans' reminders follow the manual clock too (a month closes when the test moves the
    /// clock past its close). Otherwise reminders run on real time, so they never come due during a test.
    /// </summary>
    public bool ManualReminders { get; init; }

    /// <summary>Captures every log message at every level.</summary>
    public CapturingLoggerProvider? Logs { get; init; }

    /// <summary>Memory mode: grain storage that records every write.</summary>
    public RecordingGrainStorage? Storage { get; init; }

    /// <summary>ActorRisk:Demo:SeedData. Off by default here, so every test starts from an empty silo.</summary>
    public bool SeedDemoData { get; init; }

    public bool Postgres => ConnectionString is not null;

    /// <summary>
    /// Durable modes: the certificate that encrypts the portal's stored keys (ActorRisk:DataProtection:Certificate);
    /// null, the test process's shared one. Production requires one, so every durable silo here is given one unless
    /// <see cref="PortalKeysInClear"/>.
    /// </summary>
    public DataProtectionCertificate? PortalKeyCertificate { get; init; }

    /// <summary>Durable modes: no certificate, as Development allows (keys stored in clear).</summary>
    public bool PortalKeysInClear { get; init; }

    /// <summary>The host's environment; null, WebApplicationFactory's Development.</summary>
    public string? HostEnvironment { get; init; }

    /// <summary>More configuration, as an operator would set it ("ActorRisk:Idempotency:Retention" = "1.00:00:00").</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>Orleans' silo-to-silo port; the same across a restart of the same setup.</summary>
    public int SiloPort { get; init; } = FreePort();

    public int GatewayPort { get; init; } = FreePort();

    public string ClusterId { get; init; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string NewTokenizationKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>A fresh database on the test process's PostgreSQL server (started on first use).</summary>
    public static async Task<string> NewDatabaseAsync(string prefix = "silo")
    {
        var server = await PostgresServer.InstanceAsync();
        var connectionString = await server.CreateDatabaseAsync(prefix);
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 20 }.ConnectionString;
    }

    /// <summary>The silo's configuration for this setup (what an operator would put in appsettings or the environment).</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings()
    {
        foreach (var setting in TestKeys.Settings())
        {
            yield return setting;
        }

        if (TokenizationKey is not null)
        {
            yield return new("ActorRisk:Tokenization:Key", TokenizationKey);
        }

        yield return new("ActorRisk:Storage", AzureStorage is not null ? "azure" : Postgres ? "postgres" : "memory");
        yield return new("ActorRisk:Demo:SeedData", SeedDemoData ? "true" : "false");

        // Every test silo is a cluster of its own on loopback, on ports no other test process holds.
        yield return new("ActorRisk:Orleans:SiloPort", SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("ActorRisk:Orleans:GatewayPort", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("ActorRisk:Orleans:ClusterId", ClusterId);
        yield return new("ActorRisk:Orleans:ServiceId", ClusterId);
        if (AzureStorage is not null)
        {
            yield return new("ConnectionStrings:ActorRisk", AzureStorage);
            yield return new("ConnectionStrings:ReadModels", ConnectionString ?? throw new InvalidOperationException("Azure mode keeps its read models in PostgreSQL: set ConnectionString too."));
        }
        else if (ConnectionString is not null)
        {
            yield return new("ConnectionStrings:ActorRisk", ConnectionString);
        }

        if (ConnectionString is not null && !PortalKeysInClear)
        {
            foreach (var setting in (PortalKeyCertificate ?? DataProtectionCertificate.Default).Settings())
            {
                yield return setting;
            }
        }

        foreach (var setting in Extra)
        {
            yield return setting;
        }
    }

    /// <summary>The tokenizer the silo uses, so a test knows which token a PAN becomes.</summary>
    public PanTokenizer Tokenizer() =>
        CardTokenKeyConfiguration.Tokenizer(
            new ConfigurationBuilder().AddInMemoryCollection(Settings().Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build()
                .GetSection("ActorRisk:Tokenization").Get<TokenizationOptions>() ?? new(),
            durableStorage: "test");

    /// <summary>Test replacements in the silo's container and logging.</summary>
    public void ConfigureServices(IServiceCollection services)
    {
        if (Clock is not null)
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (ManualReminders)
            {
                services.AddKeyedSingleton<TimeProvider>(Orleans.Reminders.ReminderTimeProviderNames.Reminders, new ManualTimers(Clock));
            }
        }

        if (Storage is not null)
        {
            if (Postgres)
            {
                throw new InvalidOperationException("Storage recording is for memory mode; scan the tables in PostgreSQL mode.");
            }

            // The last keyed registration wins: Orleans resolves the recorder for the default storage name.
            services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, Storage);
        }
    }

    public void ConfigureLogging(ILoggingBuilder logging)
    {
        if (Logs is not null)
        {
            logging.AddProvider(Logs);

            // A provider-specific rule outranks the category rules of appsettings.json: this provider sees everything.
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
            logging.SetMinimumLevel(LogLevel.Trace);
        }
    }
}

/// <summary>The silo in process (TestServer) through WebApplicationFactory, configured as an operator would.</summary>
public sealed class SiloFactory(SiloSetup setup) : WebApplicationFactory<Program>
{
    public SiloFactory()
        : this(new SiloSetup())
    {
    }

    public SiloSetup Setup { get; } = setup;

    /// <summary>A client sending <paramref name="apiKey"/> in X-Api-Key (none when null).</summary>
    public HttpClient Client(string? apiKey = TestKeys.Admin)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, apiKey);
        }

        return client;
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (Setup.HostEnvironment is not null)
        {
            builder.UseEnvironment(Setup.HostEnvironment);
        }

        // UseSetting goes into the host configuration, which the silo reads while it builds (storage, keys).
        foreach (var (key, value) in Setup.Settings())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(Setup.ConfigureLogging);
        builder.ConfigureTestServices(Setup.ConfigureServices);
    }
}
