using System.CommandLine;
using Microsoft.Playwright;

var url = new Option<string>("--url") { Description = "Silo base address.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
var user = new Option<string>("--user") { Description = "Portal user to sign in as.", Required = true };
var password = new Option<string>("--password") { Description = "That user's password (default: $ACTORRISK_PORTAL_PASSWORD)." };
var pages = new Option<int>("--pages") { Description = "Pages to keep open (1 to 200).", DefaultValueFactory = _ => 20 };
var path = new Option<string>("--path") { Description = "Page each one watches.", DefaultValueFactory = _ => "/live" };
var seconds = new Option<int>("--seconds") { Description = "How long to keep them open (bounded: 1 to 3600).", DefaultValueFactory = _ => 60 };
var chromium = new Option<string>("--chromium") { Description = "Chromium to drive.", DefaultValueFactory = _ => "/usr/bin/chromium" };

var root = new RootCommand("Keeps N signed-in portal pages open on one page, each its own Blazor circuit, then closes them.")
{
    url, user, password, pages, path, seconds, chromium,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var count = Math.Clamp(parse.GetValue(pages), 1, 200);
    var hold = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(seconds), 1, 3600));
    var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("ACTORRISK_PORTAL_PASSWORD");
    if (string.IsNullOrEmpty(secret))
    {
        await Console.Error.WriteLineAsync("A password is needed: --password or ACTORRISK_PORTAL_PASSWORD.");
        return 2;
    }

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = parse.GetValue(chromium),
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });

    // One context signs in; its pages share the cookie, and each page is still a circuit of its own.
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = parse.GetValue(url) });
    var login = await context.NewPageAsync();
    await login.GotoAsync("/login");
    await login.GetByLabel("User name", new() { Exact = true }).FillAsync(parse.GetValue(user)!);
    await login.GetByLabel("Password", new() { Exact = true }).FillAsync(secret);
    await login.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    await login.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
    await login.CloseAsync();

    var open = new List<IPage>();
    for (var i = 0; i < count; i++)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(parse.GetValue(path)!);
        await page.Locator("main#content[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
        open.Add(page);
    }

    Console.WriteLine($"{open.Count} circuits open on {parse.GetValue(path)}");
    try
    {
        await Task.Delay(hold, cancellationToken);
    }
    catch (OperationCanceledException)
    {
    }

    await context.CloseAsync();
    Console.WriteLine("closed");
    return 0;
});
return await root.Parse(args).InvokeAsync();
