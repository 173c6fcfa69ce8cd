using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ActorRisk.Cluster.Tests;

/// <summary>
/// The portal on silo B shows decisions made on silo A, live: an analyst has silo B's live feed open in Chromium while
/// a gateway sends authorizations to silo A's API only, and the rows appear on B's page without a reload, a decline
/// as a decline.
/// <para>
/// "Made on silo A" means decided by a card grain whose activation lives on silo A: the grain decides, adds the
/// decision to its silo's in-memory feed, and that silo's forwarder (a stateless worker, so always local) publishes it
/// on the live stream. Orleans places a new card grain where it chooses, not necessarily on the silo whose API
/// received the call, so the test asks Orleans' management grain (<see cref="GrainCensus"/>) where each card's grain
/// lives and checks the rows of the cards on silo A, and the decline, which it makes on a card whose grain is on A.
/// </para>
/// </summary>
public sealed class PortalAcrossSilosTests(ITestOutputHelper output)
{
    // "Within a few seconds": the forwarder publishes every 250 ms and the page renders what arrived; a busy CI machine
    // gets room before the row is called lost. The time it took is printed.
    private const float RowTimeout = 10_000;

    // The page shows at most ten new rows a quarter second and counts the rest as missed (Live.RowsPerRender), so
    // the gateway sends a wave of eight at a time and waits for its rows before the next.
    private const int Wave = 8;

    // Orleans places each new card grain on the silo it judges best, whichever silo's API took the call, so waves go on
    // until one of them has a card grain on silo A; twelve waves without one would be a placement worth a look.
    private const int MaxWaves = 12;

    [Theory]
    [MemberData(nameof(ClusterStore.Modes), MemberType = typeof(ClusterStore))]
    public async Task ThePortalOnSiloBShowsDecisionsMadeOnSiloALive(string mode)
    {
        await using var cluster = await LocalCluster.StartAsync(mode, silos: 2);
        var (siloA, siloB) = (cluster.Running[0], cluster.Running[1]);
        await using var chromium = await Chromium.LaunchAsync();
        await using var context = await chromium.NewContextAsync(siloB.Address);
        var page = await context.NewPageAsync();

        await SignInAsync(page);
        await page.GotoAsync("/live");
        // The circuit is up (the layout marks main), so the page's feed subscription is in place before any decision.
        await Expect(page.Locator("main#content[data-interactive='true']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var rows = page.Locator("#feed tr");
        await Expect(rows).ToHaveCountAsync(0);

        // Authorizations to silo A's API only, in waves, until some card's grain lives on silo A.
        using var api = LocalCluster.Client(siloA);
        await using var census = await GrainCensus.ConnectAsync(cluster);
        var merchant = $"m-across-{Guid.NewGuid():N}"[..20];
        var cards = new List<string>();
        var onA = new List<string>();
        for (var wave = 1; wave <= MaxWaves && onA.Count == 0; wave++)
        {
            var sent = Enumerable.Range(0, Wave).Select(_ => ClusterApi.NewCard()).ToArray();
            cards.AddRange(sent);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(sent.Select(card => api.AuthorizeAsync(Purchase(card, merchant))));
            var answered = clock.Elapsed;
            try
            {
                foreach (var card in sent)
                {
                    await Expect(rows.Filter(new() { HasTextString = card })).ToHaveCountAsync(1, new() { Timeout = RowTimeout });
                }
            }
            catch (PlaywrightException exception)
            {
                Assert.Fail($"{mode}: wave {wave}: not every decision reached silo B's page within {RowTimeout / 1000} s; card grains per silo port: " +
                    $"{Describe(await census.PlacementAsync("card"), sent)} (silo A {cluster.SiloPort(siloA)}, silo B {cluster.SiloPort(siloB)}).\n{exception.Message}\n" +
                    $"silo A:\n{siloA.Output}\nsilo B:\n{siloB.Output}");
            }

            var placement = await census.PlacementAsync("card");
            onA.AddRange(sent.Where(c => placement.GetValueOrDefault(c) == cluster.SiloPort(siloA)));
            output.WriteLine($"{mode}: wave {wave}: {Wave} authorizations through silo A answered after {answered.TotalMilliseconds:0} ms, " +
                $"every row on silo B's page after {clock.Elapsed.TotalMilliseconds:0} ms; card grains per silo port: {Describe(placement, sent)}");
        }

        Assert.True(onA.Count > 0, $"{mode}: after {MaxWaves} waves no card grain was placed on silo A, so no decision here was made there: " +
            $"{Describe(await census.PlacementAsync("card"), cards)} (silo A {cluster.SiloPort(siloA)})");
        await Expect(rows.Filter(new() { HasTextString = merchant })).ToHaveCountAsync(cards.Count);

        // A decline made on silo A: three small authorizations (JPY 100) on a card whose grain is there; the third in
        // ten minutes is declined and blocks the card, and silo B's page shows it as a decline.
        var blocked = onA[0];
        JsonObject last = [];
        for (var i = 0; i < 3; i++)
        {
            last = await api.AuthorizeAsync(ClusterApi.SmallAuthorization(blocked, merchant));
        }

        var declined = Stopwatch.StartNew();
        Assert.Equal("decline", (string?)last["decision"]);
        Assert.True((bool?)last["cardBlocked"], last.ToJsonString());

        var declineRow = page.Locator("#feed tr.decision-decline").Filter(new() { HasTextString = blocked });
        await Expect(declineRow).ToHaveCountAsync(1, new() { Timeout = RowTimeout });
        output.WriteLine($"{mode}: the decline made on silo A on silo B's page after {declined.Elapsed.TotalMilliseconds:0} ms");
        await Expect(declineRow.Locator(".badge.decision")).ToHaveTextAsync("decline");
        await Expect(rows.Filter(new() { HasTextString = blocked })).ToHaveCountAsync(4);
        Assert.Equal(cluster.SiloPort(siloA), (await census.PlacementAsync("card")).GetValueOrDefault(blocked));
    }

    /// <summary>
    /// An ordinary online purchase (JPY 5,000, not a small amount): approved, and however many waves of them one
    /// merchant gets, they are no card testing there.
    /// </summary>
    private static JsonObject Purchase(string card, string merchant)
    {
        var request = ClusterApi.SmallAuthorization(card, merchant);
        request["amount"] = 5_000;
        return request;
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync(LocalCluster.AnalystUserName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(LocalCluster.AnalystPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator("header").First).ToContainTextAsync(LocalCluster.AnalystUserName, new() { Timeout = 30_000 });
    }

    private static string Describe(IReadOnlyDictionary<string, int> placement, IEnumerable<string> cards) =>
        string.Join(", ", cards.GroupBy(c => placement.TryGetValue(c, out var port) ? port.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")
            .Select(g => $"{g.Key}: {g.Count()}"));
}
