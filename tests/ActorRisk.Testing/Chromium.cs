using Microsoft.Playwright;

namespace ActorRisk.Testing;

/// <summary>
/// One Playwright driver and one headless Chromium, launched the one way every browser test launches it: Debian's
/// Chromium (/usr/bin/chromium, installed by .ci/run), since Playwright's own browser download does not work on these
/// machines, and contexts with a 1280x800 viewport in en-US and UTC. Without Chromium, <see cref="LaunchAsync"/> fails
/// with a message saying so; browser tests are never skipped. Used by the portal's browser tests (one for the whole
/// collection) and by the cluster tests that open a silo's portal.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// Launch arguments: no sandbox (CI runs as root), no GPU, and no background connections to Google's hosts, which
    /// this machine's closed network refuses.
    /// </summary>
    public static readonly IReadOnlyList<string> Args =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    public static readonly ViewportSize Viewport = new() { Width = 1280, Height = 800 };

    private readonly IPlaywright playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Starts the Playwright driver and a headless Chromium.</summary>
    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is required for the browser tests and was not found at {ExecutablePath}. " +
                "Install Debian's package: apt-get install -y chromium (.ci/run does this on a fresh machine).");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Args,
            });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh context (no cookies) whose relative URLs resolve against <paramref name="baseAddress"/>.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        return Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = Viewport,
            Locale = "en-US",
            TimezoneId = "UTC",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright.Dispose();
    }
}
