using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// In PostgreSQL mode the portal's cookie keys are in the database: a sign-in survives a silo restart (and, later,
/// works on whichever silo answers); a forged cookie still gets the sign-in page.
/// </summary>
public sealed partial class PortalSessionTests
{
    private static readonly Dictionary<string, string> DemoAnalyst = new()
    {
        ["ActorRisk:Demo:Users:0:UserName"] = "ana",
        ["ActorRisk:Demo:Users:0:Password"] = "ana-password-42",
        ["ActorRisk:Demo:Users:0:Roles:0"] = "analyst",
    };

    [Fact]
    public async Task ASignInSurvivesARestartInPostgresMode()
    {
        var setup = new SiloSetup { ConnectionString = await SiloSetup.NewDatabaseAsync("session"), Extra = DemoAnalyst };
        var cookies = new CookieContainer();
        await using (var before = new SiloFactory(setup))
        {
            using var client = before.CreateDefaultClient(new CookieContainerHandler(cookies));
            var page = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
            var fields = HiddenInput().Matches(page).Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value))).ToList();
            Assert.Contains(fields, f => f.Key == "__RequestVerificationToken");
            fields.Add(KeyValuePair.Create("Input.UserName", "ana"));
            fields.Add(KeyValuePair.Create("Input.Password", "ana-password-42"));
            using var signedIn = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal(1L, await PostgresScan.ScalarAsync<long>(setup.ConnectionString!, "SELECT count(*) FROM data_protection_keys"));
        }

        await using var after = new SiloFactory(setup);
        using var again = after.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var overview = await again.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("ana", await overview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1L, await PostgresScan.ScalarAsync<long>(setup.ConnectionString!, "SELECT count(*) FROM data_protection_keys")); // the same key, not a new one

        using var stranger = after.CreateDefaultClient();
        stranger.DefaultRequestHeaders.Add("Cookie", "actorrisk.portal=CfDJ8forged");
        using var refused = await stranger.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"\s*/?>""")]
    private static partial Regex HiddenInput();
}
