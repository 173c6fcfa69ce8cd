using System.CommandLine;
using ActorRisk.PortalWatchers;

var url = new Option<string>("--url") { Description = "Silo base address.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
var user = new Option<string>("--user") { Description = "Portal user to sign in as.", Required = true };
var password = new Option<string>("--password") { Description = "That user's password (default: $ACTORRISK_PORTAL_PASSWORD)." };
var pages = new Option<int>("--pages") { Description = "Pages to keep open (1 to 200).", DefaultValueFactory = _ => 20 };
var path = new Option<string>("--path") { Description = "Page each one watches.", DefaultValueFactory = _ => "/live" };
var seconds = new Option<int>("--seconds") { Description = "How long to keep them open (bounded: 1 to 3600).", DefaultValueFactory = _ => 60 };
var client = new Option<string>("--client")
{
    Description = "browser: real pages in Chromium; circuit: browser-less Blazor circuits spoken from .NET (the silo's work only).",
    DefaultValueFactory = _ => "browser",
};
client.AcceptOnlyFromAmong("browser", "circuit");
var chromium = new Option<string>("--chromium") { Description = "Chromium to drive (--client browser).", DefaultValueFactory = _ => "/usr/bin/chromium" };
var requireRenders = new Option<bool>("--require-renders")
{
    Description = "Exit non-zero if a circuit received no render batch once all were open (--client circuit; use while load runs).",
};
var countFrames = new Option<bool>("--count-frames")
{
    Description = "Count each page's render-batch and JS-call frames and print them at the end (--client browser; costs the client).",
};
var verbose = new Option<bool>("--verbose") { Description = "The SignalR client's warnings on standard error (--client circuit)." };

var root = new RootCommand("Keeps N signed-in portal pages open on one page, each its own Blazor circuit, then closes them.")
{
    url, user, password, pages, path, seconds, client, chromium, requireRenders, countFrames, verbose,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("ACTORRISK_PORTAL_PASSWORD");
    if (string.IsNullOrEmpty(secret))
    {
        await Console.Error.WriteLineAsync("A password is needed: --password or ACTORRISK_PORTAL_PASSWORD.");
        return 2;
    }

    var options = new WatchOptions(
        new Uri(parse.GetValue(url)!.TrimEnd('/') + "/"),
        parse.GetValue(user)!,
        secret,
        Math.Clamp(parse.GetValue(pages), 1, 200),
        parse.GetValue(path)!,
        TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(seconds), 1, 3600)),
        parse.GetValue(chromium)!,
        parse.GetValue(requireRenders),
        parse.GetValue(verbose),
        parse.GetValue(countFrames));
    return parse.GetValue(client) == "circuit"
        ? await CircuitWatchers.RunAsync(options, cancellationToken)
        : await BrowserWatchers.RunAsync(options, cancellationToken);
});

// SIGTERM (the benchmark's kill) cancels the hold; give the circuits time to print their counts and close.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) });
