using ActorRisk.Api.Access;
using ActorRisk.Api.Security;
using ActorRisk.Domain.Programs;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace ActorRisk.Silo.Tests;

/// <summary>A silo with a portal user per role and a managed user and API key.</summary>
public sealed class PortalFormSilo : IAsyncLifetime
{
    public const string Password = "portal-form-password-42";

    public static readonly string[] Users = ["ana", "oscar", "ada"];

    public RecordingGrainStorage Storage { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public SiloFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var users = new Dictionary<string, string>();
        foreach (var (user, index) in Users.Select((u, i) => (u, i)))
        {
            users[$"ActorRisk:Demo:Users:{index}:UserName"] = user;
            users[$"ActorRisk:Demo:Users:{index}:Password"] = Password;
            users[$"ActorRisk:Demo:Users:{index}:Roles:0"] = new[] { "analyst", "operator", "admin" }[index];
        }

        Factory = new SiloFactory(new SiloSetup { Storage = Storage, Logs = Logs, Extra = users });

        // A managed user and key, which a stale post would change or revoke.
        var access = Factory.Service<AccessOperations>();
        Assert.True((await access.CreateUserAsync("mika", ["analyst"], Password, Password, "form test", "ada")).Succeeded);
        Assert.True((await access.CreateApiKeyAsync("feed-1", [Roles.BackOffice], "form test", "ada")).Succeeded);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// Form posts the portal answers without a circuit: the sign-in form (the one page still rendered statically) posted
/// with fields missing, empty, out of range or not text at all answers with the page and a message, never a 500; and a
/// form post to an interactive page (a stale copy of the old static access and policy pages, by any role, with a good
/// antiforgery token) is refused before anything changes.
/// </summary>
public sealed partial class PortalFormTests(PortalFormSilo silo) : IClassFixture<PortalFormSilo>
{
    /// <summary>What each field of a form is set to, beside the form's hidden fields.</summary>
    private static readonly Dictionary<string, Func<string, string?>> Variants = new()
    {
        ["missing"] = _ => null,
        ["empty"] = _ => string.Empty,
        ["not-a-number"] = _ => "x",
        ["negative"] = _ => "-1",
        ["huge"] = _ => new string('9', 5_000),
        ["control"] = _ => "\u0001\u0000",
        ["markup"] = _ => "<script>alert(1)</script>",
    };

    /// <summary>The forms the access and policy pages posted before they became interactive, with plausible fields.</summary>
    private static readonly (string Page, string Handler, (string Name, string Value)[] Fields)[] StaleForms =
    [
        ("/admin/access", "user-create", [("NewUser.UserName", "mallory"), ("NewUser.Roles[admin]", "true"), ("NewUser.Password", "mallory-passphrase"), ("NewUser.Confirmation", "mallory-passphrase"), ("NewUser.Reason", "x")]),
        ("/admin/access", "user-roles", [("RolesChange.UserName", "mika"), ("RolesChange.Roles[admin]", "true"), ("RolesChange.Reason", "x")]),
        ("/admin/access", "user-password", [("PasswordReset.UserName", "mika"), ("PasswordReset.Password", "mallory-passphrase"), ("PasswordReset.Confirmation", "mallory-passphrase"), ("PasswordReset.Reason", "x")]),
        ("/admin/access", "user-state", [("StateChange.UserName", "mika"), ("StateChange.State", "disabled"), ("StateChange.Reason", "x")]),
        ("/admin/access", "apikey-create", [("NewKey.Name", "mallory-key"), ("NewKey.Roles[admin]", "true"), ("NewKey.Reason", "x")]),
        ("/admin/access", "apikey-revoke", [("Revocation.Name", "feed-1"), ("Revocation.Reason", "x")]),
        ("/policies", "policy-default", [("Edit.Reason", "x"), ("Edit.DefaultSmallAmountMajorUnits", "1")]),
    ];

    public static TheoryData<string> VariantNames() => [.. Variants.Keys];

    public static TheoryData<string> UserNames() => [.. PortalFormSilo.Users];

    [Theory]
    [MemberData(nameof(VariantNames))]
    public async Task TheSignInFormAnswersEveryMalformedPostWithThePageNeverAnError(string variant)
    {
        using var client = silo.Factory.CreateDefaultClient(new CookieContainerHandler(new CookieContainer()));
        var html = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var form = Form().Match(html);
        Assert.True(form.Success, "no form on /login");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", HiddenValue(html, "__RequestVerificationToken")),
            new("_handler", HiddenValue(html, "_handler")),
        };
        var names = FieldNames(form.Value).Where(n => n is not ("_handler" or "__RequestVerificationToken")).Distinct().ToList();
        Assert.Equal(["Input.UserName", "Input.Password"], names);
        foreach (var name in names)
        {
            if (Variants[variant](name) is { } value)
            {
                fields.Add(new(name, value));
            }
        }

        using var response = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(fields));
        var body = await response.Content.ReadAsStringAsync();
        var what = $"posting {variant} to /login: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
        if (variant == "control")
        {
            // Antiforgery refuses a body it cannot read (NUL in a field) before the page runs.
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, what);
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, what + " " + string.Join("\n", silo.Logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal)).Take(1)));
            // The page again, saying what was wrong, and never echoing markup as markup.
            Assert.True(body.Contains("role=\"alert\"", StringComparison.Ordinal) || body.Contains("validation-message", StringComparison.Ordinal), what);
            Assert.DoesNotContain("<script>alert(1)</script>", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(UserNames))]
    public async Task AFormPostToAnInteractivePageIsRefusedAndChangesNothing(string user)
    {
        using var client = await SignInAsync(user);
        var token = await AntiforgeryTokenAsync(client);
        var access = silo.Factory.Service<AccessOperations>();
        var accessBefore = JsonSerializer.Serialize(await access.CurrentAsync());
        var policies = silo.Factory.Service<IGrainFactory>().GetGrain<IPolicyGrain>(IPolicyGrain.SingletonKey);
        var bookBefore = await PoliciesAsync(policies);

        foreach (var (page, handler, values) in StaleForms)
        {
            var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("_handler", handler) };
            fields.AddRange(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
            using var response = await client.PostAsync(new Uri(page, UriKind.Relative), new FormUrlEncodedContent(fields));
            var body = await response.Content.ReadAsStringAsync();
            // No form of that name is on the page (400), or the page is not this role's (a redirect to /denied).
            Assert.True(
                response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Redirect,
                $"{user} posting {handler} to {page}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        }

        Assert.Equal(accessBefore, JsonSerializer.Serialize(await access.CurrentAsync()));
        Assert.Equal(bookBefore, await PoliciesAsync(policies));
        using var after = await client.GetAsync(new Uri("/policies", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static async Task<string> PoliciesAsync(IPolicyGrain policies)
    {
        var book = await policies.GetAsync();
        return JsonSerializer.Serialize(new { book.Default, book.ByMcc, book.ByMerchant });
    }

    private async Task<HttpClient> SignInAsync(string user)
    {
        var client = silo.Factory.CreateDefaultClient(new CookieContainerHandler(new CookieContainer()));
        var login = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", HiddenValue(login, "__RequestVerificationToken")),
            new("_handler", HiddenValue(login, "_handler")),
            new("Input.UserName", user),
            new("Input.Password", PortalFormSilo.Password),
        };
        using var signedIn = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    // Every role sees the sign-out form on the policies page, so every role has a token from it.
    private static async Task<string> AntiforgeryTokenAsync(HttpClient client) =>
        HiddenValue(await client.GetStringAsync(new Uri("/policies", UriKind.Relative)), "__RequestVerificationToken");

    private static string HiddenValue(string html, string name)
    {
        var input = Input().Matches(html).Select(m => m.Value).FirstOrDefault(tag => Attribute(tag, "name") == name);
        Assert.True(input is not null, $"no input {name} in {html[..Math.Min(html.Length, 3000)]}");
        return Attribute(input, "value") ?? string.Empty;
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $$""""\b{{name}}="(?<value>[^"]*)"""") is { Success: true } match ? WebUtility.HtmlDecode(match.Groups["value"].Value) : null;

    private static IEnumerable<string> FieldNames(string form) => FieldName().Matches(form).Select(m => WebUtility.HtmlDecode(m.Groups["name"].Value));

    [GeneratedRegex("""<form\b.*?</form>""", RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex("""<input\b[^>]*>""")]
    private static partial Regex Input();

    [GeneratedRegex("""<(?:input|select|textarea)\b[^>]*?\bname="(?<name>[^"]+)"[^>]*>""")]
    private static partial Regex FieldName();
}
