using System.Net.Http.Json;
using System.Text.Json;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// The live feed under a burst far faster than anyone can read: the silo sends at most a budget of rows per
/// quarter second with a gap row counting the rest, and the page keeps only its newest rows.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class LiveFeedLoadTests(BrowserFixture browser) : PortalTest(browser)
{
    private const int Burst = 200;

    [Fact]
    public async Task ABurstIsShownAsTheNewestRowsPerWindowWithGapRowsCountingEveryOtherDecision()
    {
        var merchant = $"m_flood_{Guid.NewGuid():N}"[..17];
        await SignInAsync(PortalSilo.Analyst);
        var connected = Page.WaitForResponseAsync(r => new Uri(r.Url).AbsolutePath == "/portal/live/decisions", new() { Timeout = 15_000 });
        await Page.GotoAsync($"/live?merchantId={merchant}");
        Assert.Equal(200, (await connected).Status);

        using var api = Silo.ApiClient();
        await Task.WhenAll(Enumerable.Range(0, Burst).Select(async i =>
        {
            using var response = await api.PostAsJsonAsync("/v1/authorizations", new
            {
                authorizationId = $"flood-{merchant}-{i}",
                cardToken = $"tok_{Guid.NewGuid():N}",
                merchantId = merchant,
                amount = 2_500,
                currency = "JPY",
                cvcProvided = true,
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }));

        // Every decision is either a row or counted in a gap row, once the last window has been sent.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        (int Rows, int Skipped, int Gaps) seen;
        do
        {
            var counts = await Page.EvaluateAsync<JsonElement>(
                """
                () => {
                  const rows = document.querySelectorAll('#feed tr:not(.feed-gap)').length;
                  const gaps = [...document.querySelectorAll('#feed tr.feed-gap')];
                  const skipped = gaps.reduce((sum, g) => sum + parseInt(g.textContent.match(/([\d,]+) more/)[1].replace(/,/g, ''), 10), 0);
                  return { rows, skipped, gaps: gaps.length };
                }
                """);
            seen = (counts.GetProperty("rows").GetInt32(), counts.GetProperty("skipped").GetInt32(), counts.GetProperty("gaps").GetInt32());
            if (seen.Rows + seen.Skipped >= Burst)
            {
                break;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(Burst, seen.Rows + seen.Skipped);
        Assert.True(seen.Gaps >= 1, $"A burst of {Burst} in a few windows must leave some decisions out: {seen}.");
        Assert.True(seen.Rows <= seen.Gaps * 10 + 10 * 20, $"Rows shown: {seen}.");
        await Expect(Page.Locator("#feed tr.feed-gap").First).ToContainTextAsync("not shown: the feed shows the newest 10 every quarter second");
    }

    [Fact]
    public async Task TheFeedKeepsOnlyItsNewestThreeHundredRows()
    {
        await SignInAsync(PortalSilo.Analyst);
        await Page.GotoAsync("/live");

        var left = await Page.EvaluateAsync<int>(
            """
            () => {
              const feed = document.getElementById('feed');
              for (let i = 0; i < 350; i++) {
                const row = feed.insertRow(0);
                row.insertCell().textContent = 'row ' + i;
              }
              feed.dispatchEvent(new CustomEvent('htmx:sseMessage', { bubbles: true }));
              return feed.rows.length;
            }
            """);

        Assert.Equal(300, left);
        await Expect(Page.Locator("#feed tr").First).ToHaveTextAsync("row 349");
    }
}
