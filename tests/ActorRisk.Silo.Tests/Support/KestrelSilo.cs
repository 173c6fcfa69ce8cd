using ActorRisk.Api.Security;
using ActorRisk.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Silo.Tests.Support;

/// <summary>
/// The silo as the README runs it: SiloApplication on a real Kestrel listening on 127.0.0.1 (a free port), for
/// what only the real server does (its request body limit, chunked uploads).
/// </summary>
public sealed class KestrelSilo : IAsyncDisposable
{
    private readonly WebApplication app;

    private KestrelSilo(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<KestrelSilo> StartAsync(SiloSetup setup)
    {
        if (setup.Clock is not null || setup.Storage is not null)
        {
            throw new ArgumentException("A Kestrel silo runs with the system clock and its own storage.", nameof(setup));
        }

        var args = setup.Settings().Select(s => $"--{s.Key}={s.Value}").Append("--urls=http://127.0.0.1:0").ToArray();
        var app = SiloApplication.Build(args, builder => setup.ConfigureLogging(builder.Logging));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new KestrelSilo(app, new Uri(address));
    }

    public HttpClient Client(string? apiKey = TestKeys.Admin)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
