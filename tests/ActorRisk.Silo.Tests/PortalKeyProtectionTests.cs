using System.Text.RegularExpressions;
using ActorRisk.Api.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// The portal's data-protection keys (cookie, antiforgery): in memory mode they never leave the process and nothing
/// warns about them; in durable modes they are encrypted with a configured certificate before they reach the
/// read-model database, and outside Development a silo without one refuses to start, naming the setting.
/// </summary>
public sealed partial class PortalKeyProtectionTests
{
    private const string UserName = "kai";
    private const string Password = "kai-password-42";
    private const string CertificatePath = "ActorRisk:DataProtection:Certificate:Path";

    private static readonly Lazy<string> PasswordHash =
        new(() => new PasswordHasher<PortalUser>().HashPassword(new PortalUser(UserName, ["analyst"]), Password));

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task MemoryModeStartsWithoutAnyWarningAboutUnencryptedKeys(string environment)
    {
        var logs = new CapturingLoggerProvider();
        await using var silo = new SiloFactory(new SiloSetup { Logs = logs, HostEnvironment = environment });
        using var client = silo.Client(apiKey: null);

        // The sign-in form's antiforgery token is the first thing data protection protects.
        var page = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        Assert.Contains("__RequestVerificationToken", page, StringComparison.Ordinal);

        Assert.DoesNotContain(logs.Lines, line => line.Contains("XML encryptor", StringComparison.Ordinal) || line.Contains("unencrypted", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(logs.Lines, line => line.StartsWith("Warning Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADurableSiloInProductionWithoutACertificateRefusesToStartNamingTheSetting()
    {
        var setup = new SiloSetup { ConnectionString = await SiloSetup.NewDatabaseAsync("keys_none"), PortalKeysInClear = true, HostEnvironment = "Production" };
        await using var silo = new SiloFactory(setup);

        var messages = StartError(silo);
        Assert.Contains(CertificatePath, messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACertificateThePasswordDoesNotOpenStopsTheStartWithoutShowingThePassword()
    {
        const string wrong = "not-the-password-7f3a";
        var setup = new SiloSetup
        {
            ConnectionString = await SiloSetup.NewDatabaseAsync("keys_wrong"),
            HostEnvironment = "Production",
            Extra = new Dictionary<string, string> { ["ActorRisk:DataProtection:Certificate:Password"] = wrong },
        };
        await using var silo = new SiloFactory(setup);

        var messages = StartError(silo);
        Assert.Contains("ActorRisk:DataProtection:Certificate:Password", messages, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, messages, StringComparison.Ordinal);
        Assert.DoesNotContain(DataProtectionCertificate.Default.Password, messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentWithoutACertificateStartsAndSaysTheKeysAreStoredInClear()
    {
        var logs = new CapturingLoggerProvider();
        var setup = new SiloSetup { ConnectionString = await SiloSetup.NewDatabaseAsync("keys_dev"), PortalKeysInClear = true, Logs = logs };
        await using var silo = new SiloFactory(setup);
        using var client = silo.Client(apiKey: null);

        using var page = await client.GetAsync(new Uri("/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(logs.Lines, line => line.StartsWith("Warning ", StringComparison.Ordinal) && line.Contains(CertificatePath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithACertificateTheStoredKeysAreEncryptedAndARotationKeepsSignInsWhileThePreviousOneIsListed()
    {
        var database = await SiloSetup.NewDatabaseAsync("keys_cert");
        var first = DataProtectionCertificate.Create("ActorRisk test keys 1");
        var second = DataProtectionCertificate.Create("ActorRisk test keys 2");
        var cookies = new CookieContainer();
        var logs = new CapturingLoggerProvider();

        await using (var silo = new SiloFactory(Setup(database, first, logs: logs)))
        {
            await SignInAsync(silo, cookies);
        }

        var stored = await StoredKeysAsync(database);
        var key = Assert.Single(stored);
        Assert.Contains("<encryptedSecret", key, StringComparison.Ordinal);
        Assert.Contains("EncryptedData", key, StringComparison.Ordinal);
        Assert.Contains(first.PublicCertificate, key, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", key, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, line => line.Contains("XML encryptor", StringComparison.Ordinal));

        // Rotated: the new certificate encrypts, the old one still decrypts the stored key, the sign-in holds.
        var rotated = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ActorRisk:DataProtection:PreviousCertificates:0:Path"] = first.Path,
            ["ActorRisk:DataProtection:PreviousCertificates:0:Password"] = first.Password,
        };
        await using (var silo = new SiloFactory(Setup(database, second, rotated)))
        {
            Assert.Equal(HttpStatusCode.OK, await OverviewAsync(silo, cookies));
        }

        Assert.Single(await StoredKeysAsync(database));

        // The old certificate dropped too soon: its key cannot be read, a new one is made, and everyone signs in again.
        await using (var silo = new SiloFactory(Setup(database, second)))
        {
            Assert.Equal(HttpStatusCode.Redirect, await OverviewAsync(silo, cookies));
        }

        var keys = await StoredKeysAsync(database);
        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.DoesNotContain("<masterKey", k, StringComparison.Ordinal));
        Assert.Contains(keys, k => k.Contains(second.PublicCertificate, StringComparison.Ordinal));
    }

    private static SiloSetup Setup(string database, DataProtectionCertificate certificate, Dictionary<string, string>? extra = null, CapturingLoggerProvider? logs = null)
    {
        var settings = new Dictionary<string, string>(extra ?? [], StringComparer.Ordinal)
        {
            ["ActorRisk:Users:0:UserName"] = UserName,
            ["ActorRisk:Users:0:PasswordHash"] = PasswordHash.Value,
            ["ActorRisk:Users:0:Roles:0"] = "analyst",
        };
        return new SiloSetup { ConnectionString = database, PortalKeyCertificate = certificate, HostEnvironment = "Production", Extra = settings, Logs = logs };
    }

    private static async Task SignInAsync(SiloFactory silo, CookieContainer cookies)
    {
        using var client = silo.CreateDefaultClient(new CookieContainerHandler(cookies));
        var page = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var fields = HiddenInput().Matches(page).Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value))).ToList();
        fields.Add(KeyValuePair.Create("Input.UserName", UserName));
        fields.Add(KeyValuePair.Create("Input.Password", Password));
        using var signedIn = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await OverviewAsync(silo, cookies));
    }

    private static async Task<HttpStatusCode> OverviewAsync(SiloFactory silo, CookieContainer cookies)
    {
        using var client = silo.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var overview = await client.GetAsync(new Uri("/", UriKind.Relative));
        return overview.StatusCode;
    }

    private static async Task<IReadOnlyList<string>> StoredKeysAsync(string database) =>
        [.. (await PostgresScan.AllRowsAsync(database)).Where(row => row.StartsWith("data_protection_keys: ", StringComparison.Ordinal))];

    private static string StartError(SiloFactory silo)
    {
        var error = Assert.ThrowsAny<Exception>(() => silo.CreateClient());
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"\s*/?>""")]
    private static partial Regex HiddenInput();
}
