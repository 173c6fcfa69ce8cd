using ActorRisk.Testing;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// The silo behind an open page restarts: the page shows that it lost the server, then recovers by itself once the
/// silo is back, still signed in. PostgreSQL storage, as operators run it: the sign-in's keys are in the database,
/// so the restarted silo reads the same cookie.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ReconnectTests(BrowserFixture browser) : PortalTest(browser)
{
    private Dictionary<string, string> settings = [];

    protected override async Task<PortalSilo> StartSiloAsync()
    {
        var database = await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync("portal_reconnect");
        settings = new Dictionary<string, string>(PortalSilo.OrleansSettings().ToDictionary(), StringComparer.Ordinal)
        {
            ["ActorRisk:Storage"] = "postgres",
            ["ConnectionStrings:ActorRisk"] = database,
            ["urls"] = $"http://127.0.0.1:{PortalSilo.FreePort()}",
        };
        foreach (var (key, value) in DataProtectionCertificate.Default.Settings())
        {
            settings[key] = value;
        }

        return await PortalSilo.StartAsync(settings);
    }

    [Fact]
    public async Task ASiloRestartShowsTheReconnectUiAndThePageRecoversByItself()
    {
        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/alerts");

        await Silo.DisposeAsync();
        var reconnect = Page.Locator("#components-reconnect-modal");
        await Expect(reconnect).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(reconnect).ToContainTextAsync("Reconnecting");
        await ScreenshotAsync(Page, "reconnecting");

        await using var restarted = await PortalSilo.StartAsync(settings);
        await WaitForInteractiveAsync(Page);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Alerts", Level = 1, Exact = true })).ToBeVisibleAsync();
        await Expect(Page).ToHaveURLAsync(new Uri(restarted.Address, "/alerts").ToString());
        await Expect(reconnect).Not.ToBeVisibleAsync();
    }
}
