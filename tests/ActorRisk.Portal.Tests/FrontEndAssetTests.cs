namespace ActorRisk.Portal.Tests;

/// <summary>
/// The portal's front end as the silo serves it from a build (not a publish): its own files whole, with and without
/// compression, and every page loading all it asks for (Blazor's script, MudBlazor's, the portal's) without an error.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class FrontEndAssetTests(BrowserFixture browser) : PortalTest(browser)
{
    /// <summary>The portal's own files in src/ActorRisk.Portal/wwwroot/, with their media types.</summary>
    public static TheoryData<string, string> OwnAssets => new()
    {
        { "portal.js", "text/javascript" },
        { "portal.css", "text/css" },
        { "cards.css", "text/css" },
        { "merchants.css", "text/css" },
        { "favicon.svg", "image/svg+xml" },
    };

    [Theory]
    [MemberData(nameof(OwnAssets))]
    public async Task AnAssetIsServedWholeWithOrWithoutCompression(string file, string mediaType)
    {
        // A library's assets are served under _content/{its name}/ from its own wwwroot.
        var expected = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.PortalProject, "wwwroot", file));
        Assert.NotEmpty(expected);
        foreach (var decompression in new[] { DecompressionMethods.None, DecompressionMethods.All })
        {
            // DecompressionMethods.All sends Accept-Encoding: gzip, deflate, br, as a browser does.
            using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = decompression }) { BaseAddress = Silo.Address };
            using var response = await client.GetAsync(new Uri("_content/ActorRisk.Portal/" + file, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(expected.AsSpan().SequenceEqual(body), $"{file} (Accept-Encoding: {decompression}) answered {body.Length} bytes, not the {expected.Length} of the file.");
        }
    }

    [Fact]
    public async Task TheSignInPageAndAnInteractivePageLoadEverythingTheyAskForAndStartBlazor()
    {
        var failed = new List<string>();
        var loaded = new List<string>();
        Page.Response += (_, response) =>
        {
            var path = new Uri(response.Url).AbsolutePath;
            loaded.Add(path);
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {path}");
            }
        };
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                failed.Add("console: " + message.Text);
            }
        };

        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/");

        Assert.True(failed.Count == 0, $"Failed while loading the pages:\n{string.Join('\n', failed)}");
        Assert.Contains("/_framework/blazor.web.js", loaded);
        Assert.Contains(loaded, p => p.StartsWith("/_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal) && p.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(loaded, p => p.StartsWith("/_content/ActorRisk.Portal/portal.", StringComparison.Ordinal) && p.EndsWith(".css", StringComparison.Ordinal));
        Assert.True(await Page.EvaluateAsync<bool>("() => typeof window.Blazor === 'object' && typeof window.actorRisk.rememberTheme === 'function'"));
    }
}
