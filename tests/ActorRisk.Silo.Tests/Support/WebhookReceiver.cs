using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorRisk.Silo.Tests.Support;

/// <summary>One request the receiver got: method, path, headers, body, and the status it answered with.</summary>
public sealed record WebhookRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    byte[] Body,
    DateTimeOffset ReceivedAt,
    HttpStatusCode Answer)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The header's value, or null when the request had none (names are case-insensitive).</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }
}

/// <summary>
/// An acquirer's webhook endpoint: a real Kestrel server on 127.0.0.1 (a free port) that records every request and
/// answers from a script. The script is read per alert (X-ActorRisk-Alert-Id): the n-th request for an alert gets
/// the n-th status, the last one repeating; an empty script answers 200. So "500, 500, 200" fails every alert
/// twice and accepts the third attempt, however many alerts arrive and in whatever order. A 3xx answer points
/// (Location) at <see cref="Path"/>/moved on the same receiver.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Path = "/hooks/actorrisk";

    private readonly WebApplication app;
    private readonly HttpStatusCode[] script;
    private readonly List<WebhookRequest> requests = [];
    private readonly Dictionary<string, int> seen = new(StringComparer.Ordinal);
    private readonly Lock sync = new();

    private WebhookReceiver(WebApplication app, HttpStatusCode[] script)
    {
        this.app = app;
        this.script = script;
    }

    /// <summary>The URL to configure as ActorRisk:Alerts:WebhookUrl.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>How long each answer is held back (a slow receiver); the wait ends early when the caller gives up.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<WebhookRequest> Requests
    {
        get
        {
            lock (sync)
            {
                return [.. requests];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync(params HttpStatusCode[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, script);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.Url = new Uri(new Uri(address), Path);
        return receiver;
    }

    /// <summary>The requests carrying this alert id, in arrival order.</summary>
    public IReadOnlyList<WebhookRequest> For(string alertId) =>
        [.. Requests.Where(r => r.Header("X-ActorRisk-Alert-Id") == alertId)];

    /// <summary>Polls the recorded requests until <paramref name="done"/> holds; fails with <paramref name="what"/> after the timeout.</summary>
    public async Task<IReadOnlyList<WebhookRequest>> WaitForAsync(Func<IReadOnlyList<WebhookRequest>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var received = Requests;
        while (!done(received) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            received = Requests;
        }

        Assert.True(done(received), $"Webhook: {what} not seen after {timeout}; got {received.Count} requests: {string.Join(" | ", received.Select(r => $"{(int)r.Answer} {r.Header("X-ActorRisk-Alert-Id")} #{r.Header("X-ActorRisk-Delivery-Attempt")}"))}");
        return received;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        HttpStatusCode answer;
        lock (sync)
        {
            var key = headers.GetValueOrDefault("X-ActorRisk-Alert-Id") ?? string.Empty;
            var n = seen[key] = seen.GetValueOrDefault(key) + 1;
            answer = script.Length == 0 ? HttpStatusCode.OK : script[Math.Min(n, script.Length) - 1];
            requests.Add(new WebhookRequest(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                headers,
                context.Request.ContentType,
                buffer.ToArray(),
                DateTimeOffset.UtcNow,
                answer));
        }

        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = (int)answer;
        if ((int)answer is >= 300 and < 400)
        {
            context.Response.Headers.Location = $"{Path}/moved";
        }
    }
}
