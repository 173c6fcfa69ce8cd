using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace ActorRisk.PortalWatchers;

/// <summary>N real pages in Debian's Chromium, one Blazor circuit each.</summary>
internal static class BrowserWatchers
{
    public static async Task<int> RunAsync(WatchOptions options, CancellationToken cancellationToken)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = options.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });

        // One context signs in; its pages share the cookie, and each page is still a circuit of its own.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = options.Url.AbsoluteUri });
        var login = await context.NewPageAsync();
        await login.GotoAsync("/login");
        await login.GetByLabel("User name", new() { Exact = true }).FillAsync(options.User);
        await login.GetByLabel("Password", new() { Exact = true }).FillAsync(options.Password);
        await login.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await login.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await login.CloseAsync();

        var open = new List<IPage>();
        var counters = new List<FrameCounter>();
        for (var i = 0; i < options.Pages; i++)
        {
            var page = await context.NewPageAsync();
            if (options.CountFrames)
            {
                var counter = new FrameCounter(i + 1);
                counters.Add(counter);
                page.WebSocket += (_, socket) => counter.Attach(socket);
            }

            await page.GotoAsync(options.Path);
            await page.Locator("main#content[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
            open.Add(page);
        }

        Console.WriteLine($"{open.Count} circuits open on {options.Path}");
        try
        {
            await Task.Delay(options.Hold, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var counter in counters)
        {
            Console.WriteLine(counter.Describe());
        }

        await context.CloseAsync();
        Console.WriteLine("closed");
        return 0;
    }
}

/// <summary>
/// What one real page's circuit receives (--count-frames, to compare with the browser-less circuits): the /_blazor
/// frames that carry a render batch or a JS interop call, told apart by the hub method name inside the MessagePack.
/// </summary>
internal sealed class FrameCounter(int number)
{
    private static readonly byte[] RenderBatch = Encoding.ASCII.GetBytes("JS.RenderBatch");
    private static readonly byte[] BeginInvokeJS = Encoding.ASCII.GetBytes("JS.BeginInvokeJS");
    private long batches;
    private long bytes;
    private long jsCalls;

    public void Attach(IWebSocket socket)
    {
        if (!socket.Url.Contains("/_blazor", StringComparison.Ordinal))
        {
            return;
        }

        socket.FrameReceived += (_, frame) =>
        {
            if (frame.Binary is not { } payload)
            {
                return;
            }

            var span = payload.AsSpan();
            if (span.IndexOf(RenderBatch) >= 0)
            {
                Interlocked.Increment(ref batches);
                Interlocked.Add(ref bytes, payload.Length);
            }

            if (span.IndexOf(BeginInvokeJS) >= 0)
            {
                Interlocked.Increment(ref jsCalls);
            }
        };
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"page {number}: {Interlocked.Read(ref batches)} frames with render batches, {Interlocked.Read(ref bytes) / 1048576.0:0.00} MiB, {Interlocked.Read(ref jsCalls)} with JS calls");
}
