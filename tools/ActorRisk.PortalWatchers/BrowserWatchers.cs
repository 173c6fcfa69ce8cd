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
        for (var i = 0; i < options.Pages; i++)
        {
            var page = await context.NewPageAsync();
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

        await context.CloseAsync();
        Console.WriteLine("closed");
        return 0;
    }
}
