using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorRisk.PortalWatchers;

/// <summary>
/// One Blazor Server circuit without a browser: the hub connection blazor.web.js would open for a page, started the way
/// .NET 10's client starts it, answering what the server asks of the page so that the circuit lives as a real one does.
/// The server renders, diffs and sends every batch as it would to a browser; here a batch is only counted and
/// acknowledged.
/// </summary>
internal sealed class CircuitClient : IAsyncDisposable
{
    private readonly int number;
    private readonly PortalSession session;
    private readonly HubConnection hub;
    private readonly bool verbose;
    private readonly TaskCompletionSource firstRender = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long batches;
    private long bytes;
    private long batchesAtMark;
    private long jsCalls;
    private long nextJsObjectId = 1;
    private volatile bool stopping;
    private volatile string? failure;
    private string? circuitId;

    public CircuitClient(int number, PortalSession session, ILoggerProvider? log)
    {
        this.number = number;
        this.session = session;
        verbose = log is not null;
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(session.BaseAddress, "_blazor"), HttpTransportType.WebSockets, o =>
            {
                o.Cookies = session.Cookies;
                o.SkipNegotiation = true;
            })
            .ConfigureLogging(b =>
            {
                b.SetMinimumLevel(LogLevel.Warning);
                if (log is not null)
                {
                    b.AddProvider(log);
                }
            });
        // The last IHubProtocol registered is the one HubConnection speaks: MessagePack, named as Blazor's hub wants it.
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        hub = builder.Build();
        // As blazor.web.js: the server pings every 15 s and drops a client silent for 30 s (its default).
        hub.ServerTimeout = TimeSpan.FromSeconds(60);

        hub.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        // .NET 10: (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType).
        hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], OnBeginInvokeJSAsync);
        hub.On<string>("JS.Error", error => Fail($"the server reported an error: {error}"));
        // Heard and not needed: the page's DOM is not kept, no .NET method is called from "JS", no navigation happens.
        hub.On<int, string>("JS.AttachComponent", (_, _) => { });
        hub.On<string, bool, string?>("JS.EndInvokeDotNet", (_, _, _) => { });
        hub.On<int, bool>("JS.EndLocationChanging", (_, _) => { });
        hub.On<long>("JS.EndUpdateRootComponents", _ => { });
        hub.Closed += error =>
        {
            if (!stopping)
            {
                Fail($"closed by the server{(error is null ? string.Empty : ": " + error.Message)}");
            }

            return Task.CompletedTask;
        };
    }

    public long Batches => Interlocked.Read(ref batches);

    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>Render batches since <see cref="Mark"/>.</summary>
    public long BatchesSinceMark => Batches - Interlocked.Read(ref batchesAtMark);

    public long JsCalls => Interlocked.Read(ref jsCalls);

    public string? Failure => failure;

    /// <summary>
    /// Starts the circuit for a page the session has signed in to: GET the page (its prerendered markers), connect,
    /// StartCircuit with no initial components, then add the page's interactive roots, as blazor.web.js does for a
    /// page rendered with global interactivity. Completes at the first render batch.
    /// </summary>
    public async Task StartAsync(string path, CancellationToken cancellationToken)
    {
        var page = await session.LoadAsync(path, cancellationToken);
        if (page.ServerMarkers.Count == 0)
        {
            throw new InvalidOperationException($"{path} carries no interactive server component (was it rendered statically?).");
        }

        await hub.StartAsync(cancellationToken);
        var baseUri = session.BaseAddress.AbsoluteUri;
        var uri = new Uri(session.BaseAddress, path.TrimStart('/')).AbsoluteUri;
        circuitId = await hub.InvokeAsync<string?>("StartCircuit", baseUri, uri, "[]", page.ApplicationState, cancellationToken);
        if (string.IsNullOrEmpty(circuitId))
        {
            throw new InvalidOperationException($"circuit {number}: StartCircuit was refused{(failure is null ? string.Empty : ": " + failure)}.");
        }

        // One "add" for each root the page prerendered (HeadOutlet and Routes here), each with a component id of the
        // client's choosing, the marker as the server wrote it (its key and data-protected descriptor are checked).
        var operations = new JsonArray();
        for (var i = 0; i < page.ServerMarkers.Count; i++)
        {
            operations.Add(new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = JsonNode.Parse(page.ServerMarkers[i].GetRawText()),
            });
        }

        var batch = new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString();
        await hub.SendAsync("UpdateRootComponents", batch, page.ApplicationState, cancellationToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await firstRender.Task.WaitAsync(timeout.Token);
        if (failure is not null)
        {
            throw new InvalidOperationException($"circuit {number}: {failure}");
        }
    }

    /// <summary>Starts counting render batches afresh (the live phase begins).</summary>
    public void Mark() => Interlocked.Exchange(ref batchesAtMark, Batches);

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"circuit {number}: {Batches} render batches ({BatchesSinceMark} since all were open), {Bytes / 1048576.0:0.00} MiB, {JsCalls} JS calls answered{(failure is null ? string.Empty : "; FAILED: " + failure)}");

    public async ValueTask DisposeAsync()
    {
        stopping = true;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            // As a closing tab: the disconnect beacon first, so the circuit is disposed rather than kept for a reconnect.
            if (circuitId is not null && !await session.DisconnectAsync(circuitId, timeout.Token))
            {
                Console.Error.WriteLine($"circuit {number}: the server refused the disconnect beacon");
            }

            await hub.StopAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or HttpRequestException)
        {
            Console.Error.WriteLine($"circuit {number}: closing: {ex.Message}");
        }

        await hub.DisposeAsync();
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        Interlocked.Increment(ref batches);
        Interlocked.Add(ref bytes, data.Length);
        firstRender.TrySetResult();
        // The browser acknowledges each batch once applied; unacknowledged, the server holds back further renders.
        await SendQuietlyAsync("OnRenderCompleted", batchId, null);
    }

    private async Task OnBeginInvokeJSAsync(object?[] args)
    {
        var handle = (long)args[0]!;
        var resultType = (int)args[3]!;
        Interlocked.Increment(ref jsCalls);
        if (verbose)
        {
            Console.Error.WriteLine($"circuit {number}: JS {args[1]} (handle {handle}, result type {resultType}, call type {args[5]})");
        }

        if (handle == 0)
        {
            return; // Nothing awaits it.
        }

        // Succeed as the page would: nothing for a void or plain call (null), a fresh object reference where the caller
        // asked for one (JSCallResultType.JSObjectReference, e.g. a module import), so that the component goes on.
        var result = resultType == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{{\"__jsObjectId\":{Interlocked.Increment(ref nextJsObjectId)}}}")
            : PlausibleResult((string)args[1]!);
        await SendQuietlyAsync("EndInvokeJSFromDotNet", handle, true, string.Create(CultureInfo.InvariantCulture, $"[{handle},true,{result}]"));
    }

    /// <summary>
    /// What a loaded page answers to the calls whose callers read a value (the portal's pages with MudBlazor): the
    /// script is there, one popover provider, an element's box. A value-typed caller would fail on null.
    /// </summary>
    private static string PlausibleResult(string identifier) => identifier switch
    {
        "window.hasOwnProperty" => "true",
        _ when identifier.EndsWith(".countProviders", StringComparison.Ordinal) => "1",
        _ when identifier.EndsWith(".getBoundingClientRect", StringComparison.Ordinal) =>
            """{"left":0,"top":0,"right":1280,"bottom":40,"width":1280,"height":40,"x":0,"y":0,"windowWidth":1280,"windowHeight":800,"scrollX":0,"scrollY":0}""",
        _ => "null",
    };

    private async Task SendQuietlyAsync(string method, params object?[] args)
    {
        try
        {
            await hub.SendCoreAsync(method, args);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or IOException)
        {
            if (!stopping)
            {
                Fail($"{method} could not be sent: {ex.Message}");
            }
        }
    }

    private void Fail(string why)
    {
        failure ??= why;
        firstRender.TrySetResult();
        Console.Error.WriteLine($"circuit {number}: {why}");
    }
}
