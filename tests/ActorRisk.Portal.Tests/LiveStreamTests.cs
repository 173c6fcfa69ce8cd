using Microsoft.Extensions.Logging;

namespace ActorRisk.Portal.Tests;

/// <summary>The live pages' event streams end quietly when the browser leaves: leaving a page is not an error.</summary>
[Collection(BrowserTests.Name)]
public sealed class LiveStreamTests(BrowserFixture browser) : PortalTest(browser)
{
    private const int Visits = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task LeavingTheLiveFeedOrACardPageEndsItsStreamWithoutAnError()
    {
        using var api = Silo.ApiClient();
        await SignInAsync(PortalSilo.Analyst);

        // How a stream ends races with its pending read, so the pages are visited and left a few times, each visit
        // with a stream URL of its own to wait for.
        var streams = new List<string>();
        for (var visit = 0; visit < Visits; visit++)
        {
            var merchant = $"m_leaving_{visit}";
            var token = PortalScenarioTests.NewCardToken();
            await PortalScenarioTests.AuthorizeAsync(api, token, merchant, $"leaving-{token}");

            streams.Add(await OpenWithStreamAsync($"/live?merchantId={merchant}", "/portal/live/decisions"));
            streams.Add(await OpenWithStreamAsync($"/cards/{token}", $"/portal/live/cards/{token}"));
        }

        await Page.GotoAsync("/");

        // The silo logs each request when it has finished with it, after anything the request threw.
        foreach (var stream in streams)
        {
            await Silo.Log.WaitForAsync(e => IsFinished(e, stream), Timeout);
        }

        var errors = Silo.Log.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, $"Leaving the live pages logged errors:\n{string.Join('\n', errors)}");
    }

    private static bool IsFinished(SiloLogEntry entry, string url) =>
        entry.Category == SiloLog.RequestCategory
        && entry.Message.StartsWith("Request finished", StringComparison.Ordinal)
        && entry.Message.Contains(' ' + url + ' ', StringComparison.Ordinal);

    /// <summary>Opens <paramref name="path"/> and waits for its event stream to be connected; the stream's URL.</summary>
    private async Task<string> OpenWithStreamAsync(string path, string streamPath)
    {
        var connected = Page.WaitForResponseAsync(r => new Uri(r.Url).AbsolutePath == streamPath, new() { Timeout = (float)Timeout.TotalMilliseconds });
        await Page.GotoAsync(path);
        var response = await connected;
        Assert.Equal(200, response.Status);
        return response.Url;
    }
}
