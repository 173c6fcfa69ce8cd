namespace ActorRisk.Portal.Tests;

/// <summary>
/// The front-end assets restored from npm by FrontEnd.targets (src/ActorRisk.Portal/wwwroot/lib/) are served whole by
/// the silo as it runs from a build (not a publish), with and without compression, and the portal's pages load them.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class FrontEndAssetTests(BrowserFixture browser) : PortalTest(browser)
{
    /// <summary>What FrontEnd.targets copies to wwwroot/lib/, as paths on the site.</summary>
    private static readonly string[] AssetPaths = ["_content/ActorRisk.Portal/lib/htmx.min.js", "_content/ActorRisk.Portal/lib/sse.min.js"];

    public static TheoryData<string> Assets => new(AssetPaths);

    [Theory]
    [MemberData(nameof(Assets))]
    public async Task AnAssetIsServedWholeWithOrWithoutCompression(string asset)
    {
        // A library's assets are served under _content/{its name}/ from its own wwwroot.
        var file = Path.Combine(RepositoryPaths.PortalProject, "wwwroot", asset.Replace("_content/ActorRisk.Portal/", string.Empty, StringComparison.Ordinal));
        Assert.True(File.Exists(file), $"{file} is missing: the build should have restored it from npm (FrontEnd.targets).");
        var expected = await File.ReadAllBytesAsync(file);
        Assert.NotEmpty(expected);

        foreach (var decompression in new[] { DecompressionMethods.None, DecompressionMethods.All })
        {
            // DecompressionMethods.All sends Accept-Encoding: gzip, deflate, br, as a browser does.
            using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = decompression }) { BaseAddress = Silo.Address };
            using var response = await client.GetAsync(new Uri(asset, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(expected.AsSpan().SequenceEqual(body), $"GET /{asset} (Accept-Encoding: {decompression}) answered {body.Length} bytes, not the {expected.Length} bytes of {file}.");
        }
    }

    [Fact]
    public async Task TheLoginPageLoadsHtmxAndItsSseExtension()
    {
        var assets = new List<IResponse>();
        Page.Response += (_, response) =>
        {
            if (new Uri(response.Url).AbsolutePath.StartsWith("/_content/ActorRisk.Portal/lib/", StringComparison.Ordinal))
            {
                assets.Add(response);
            }
        };

        await Page.GotoAsync("/login");

        foreach (var asset in AssetPaths.Select(a => "/" + a))
        {
            var response = assets.FirstOrDefault(r => new Uri(r.Url).AbsolutePath == asset);
            Assert.True(response is not null, $"The login page does not load {asset}.");
            Assert.Equal(200, response.Status);
            Assert.NotEmpty(await response.BodyAsync());
        }

        var version = await Page.EvaluateAsync<string?>("() => typeof htmx === 'object' ? htmx.version : null");
        Assert.True(version is not null, "htmx is not running on the login page (window.htmx is undefined).");
        Assert.StartsWith("2.", version, StringComparison.Ordinal);
    }
}
