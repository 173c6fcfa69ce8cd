using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using ActorRisk.Api.Security;
using ActorRisk.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Portal.Tests.Support;

/// <summary>A demo portal user configured on every test silo (ActorRisk:Demo:Users).</summary>
public sealed record PortalAccount(string UserName, string Password, string Role);

/// <summary>
/// The real silo on Kestrel at 127.0.0.1 (a free port), memory storage, no demo data, in the Development environment as `dotnet run` has it, with three demo portal users
/// and one API key with every role (X-Api-Key), for a real browser. The content root is the silo
/// project folder, as `dotnet run --project src/ActorRisk.Silo` has it, so its wwwroot/ is the one served.
/// Each silo is an Orleans cluster of its own on loopback (<see cref="OrleansSettings"/>).
/// </summary>
public sealed class PortalSilo : IAsyncDisposable
{
    /// <summary>ActorRisk:Demo:ApiKey: every API role.</summary>
    public const string ApiKey = "ar_test_portal_7d3e91c5a2";

    public static readonly PortalAccount Analyst = new("analyst", "analyst-pass-1", "analyst");
    public static readonly PortalAccount Operator = new("operator", "operator-pass-1", "operator");
    public static readonly PortalAccount Admin = new("admin", "admin-pass-1", "admin");

    public static IReadOnlyList<PortalAccount> Accounts { get; } = [Analyst, Operator, Admin];

    private readonly WebApplication app;
    private int disposed;

    private PortalSilo(WebApplication app, Uri address, SiloLog log)
    {
        this.app = app;
        Address = address;
        Log = log;
    }

    /// <summary>The silo's base address, http://127.0.0.1:{port}/.</summary>
    public Uri Address { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>The silo's warnings, errors and request log (<see cref="SiloLog"/>).</summary>
    public SiloLog Log { get; }

    /// <summary>The configuration every portal test silo gets (what an operator would put in appsettings or the environment).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Settings()
    {
        yield return new("ActorRisk:Storage", "memory");
        yield return new("ActorRisk:Demo:SeedData", "false");
        yield return new("ActorRisk:Demo:ApiKey", ApiKey);
        yield return new("ActorRisk:Tokenization:Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        for (var i = 0; i < Accounts.Count; i++)
        {
            yield return new($"ActorRisk:Demo:Users:{i}:UserName", Accounts[i].UserName);
            yield return new($"ActorRisk:Demo:Users:{i}:Password", Accounts[i].Password);
            yield return new($"ActorRisk:Demo:Users:{i}:Roles:0", Accounts[i].Role);
        }
    }

    /// <summary>
    /// The silo's place in Orleans: free loopback ports for silo-to-silo and gateway traffic and a cluster id of its own,
    /// so a test silo never binds the defaults (11111/30000) that a developer's silo, another worktree's test run or
    /// the other test project may hold, and never joins another silo's cluster. Memory storage uses localhost
    /// clustering, which binds and advertises 127.0.0.1 only.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> OrleansSettings()
    {
        var (siloPort, gatewayPort) = FreePorts();
        yield return new("ActorRisk:Orleans:SiloPort", siloPort.ToString(CultureInfo.InvariantCulture));
        yield return new("ActorRisk:Orleans:GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture));
        yield return new("ActorRisk:Orleans:ClusterId", "portal-test-" + Guid.NewGuid().ToString("N")[..8]);
    }

    /// <summary>A loopback port free now, for a silo that must come back on the same address.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Both listeners are held open together, so the two ports differ; they are closed again before Orleans binds them.
    private static (int Silo, int Gateway) FreePorts()
    {
        using var silo = new TcpListener(IPAddress.Loopback, 0);
        using var gateway = new TcpListener(IPAddress.Loopback, 0);
        silo.Start();
        gateway.Start();
        return (((IPEndPoint)silo.LocalEndpoint).Port, ((IPEndPoint)gateway.LocalEndpoint).Port);
    }

    /// <param name="extra">More configuration, or overrides of <see cref="Settings"/> (the last value of a key wins).</param>
    public static Task<PortalSilo> StartAsync(IReadOnlyDictionary<string, string>? extra = null) => StartAsync(extra, clock: null);

    /// <summary>
    /// A silo whose TimeProvider is <paramref name="clock"/> (e.g. a <see cref="ManualClock"/>) instead of the system
    /// clock: the silo registers TimeProvider.System after its customize callback runs, so the clock is swapped in
    /// when the container is built (<see cref="ClockServiceProviderFactory"/>). Orleans itself stays on the system
    /// clock; with a <see cref="ManualClock"/> its reminders follow that clock (<see cref="ManualTimers"/>), so a month
    /// comes due for its close in the clock's time, as it would in production.
    /// </summary>
    public static async Task<PortalSilo> StartAsync(IReadOnlyDictionary<string, string>? extra, TimeProvider? clock)
    {
        // OrleansSettings first, so that extra can pin them (a restart keeps its silo's ports and cluster).
        var settings = Settings().Concat(OrleansSettings()).Concat(extra ?? new Dictionary<string, string>());
        var urls = extra is not null && extra.TryGetValue("urls", out var pinned) ? pinned : "http://127.0.0.1:0";
        var args = settings
            .Where(s => s.Key != "urls")
            .Select(s => $"--{s.Key}={s.Value}")
            .Append($"--urls={urls}")
            .Append($"--contentRoot={RepositoryPaths.SiloProject}")
            .Append("--environment=Development") // as `dotnet run` starts it: DI scopes are validated, which Production skips
            .Append("--Logging:LogLevel:Default=Warning") // a browser test's output is about the browser
            .ToArray();
        var log = new SiloLog();
        var app = SiloApplication.Build(args, builder =>
        {
            log.AddTo(builder.Logging);
            if (clock is not null)
            {
                builder.Host.UseServiceProviderFactory(new ClockServiceProviderFactory(clock, clock is ManualClock manual ? new ManualTimers(manual) : null));
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new PortalSilo(app, new Uri(address.TrimEnd('/') + "/"), log);
    }

    /// <summary>A client for the API, sending the all-roles test key in X-Api-Key (none when null). Redirects are not followed.</summary>
    public HttpClient ApiClient(string? apiKey = ApiKey)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, apiKey);
        }

        return client;
    }

    /// <summary>A cookie-keeping client without an API key, as a script posting forms would be. Redirects are not followed.</summary>
    public HttpClient FormClient(CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = Address,
        };

    /// <summary>Stops the silo; a test that stops it itself (a restart) leaves nothing for the second call to do.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Folders of the repository, found by walking up from the test assembly to ActorRisk.sln.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ActorRisk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"ActorRisk.sln not found in {AppContext.BaseDirectory} or any folder above it.");
    });

    public static string Root => RootPath.Value;

    public static string SiloProject => Path.Combine(Root, "src", "ActorRisk.Silo");

    public static string PortalProject => Path.Combine(Root, "src", "ActorRisk.Portal");

    public static string Screenshots => Path.Combine(Root, "docs", "screenshots");
}
