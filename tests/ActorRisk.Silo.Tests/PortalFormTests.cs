using ActorRisk.Api.Access;
using ActorRisk.Api.Security;
using ActorRisk.Domain.Programs;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace ActorRisk.Silo.Tests;

/// <summary>A silo with a portal user per role, a card with activity and a merchant, so every portal form is on a page.</summary>
public sealed class PortalFormSilo : IAsyncLifetime
{
    public const string Password = "portal-form-password-42";

    public static readonly string[] Users = ["ana", "oscar", "ada"];

    public RecordingGrainStorage Storage { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public SiloFactory Factory { get; private set; } = null!;

    public string CardToken { get; } = Auth.NewToken();

    public string MerchantId { get; } = MerchantApi.NewMerchantId("forms");

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

        // A managed user and key, so the forms that change or revoke them are on the access page.
        var access = Factory.Service<AccessOperations>();
        Assert.True((await access.CreateUserAsync("mika", ["analyst"], Password, Password, "form test", "ada")).Succeeded);
        Assert.True((await access.CreateApiKeyAsync("feed-1", [Roles.BackOffice], "form test", "ada")).Succeeded);
        using var api = Factory.Client();
        await api.AuthorizeAsync(Auth.Request(Auth.NewId(), CardToken, 5_000, MerchantId));
        await api.RecordAsync(MerchantApi.Sales, MerchantApi.SalesBatch(MerchantApi.NewId("batch"), MerchantId, CardNetwork.Visa, 10, 50_000, "USD", cardPresent: true, DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// Every form of the portal, posted by every role with fields missing, empty, out of range or not numbers at all,
/// answers with the page and a message (or a redirect), never a 500; the portal still works afterwards.
/// </summary>
public sealed partial class PortalFormTests(PortalFormSilo silo) : IClassFixture<PortalFormSilo>
{
    // The card, merchant and policy pages left this list when they became interactive (their forms are bound over
    // the circuit, and an action asks for its reason in a dialog).
    private static readonly string[] Pages = ["/admin/access"];

    /// <summary>What each field of a form is set to, beside the form's hidden fields.</summary>
    private static readonly Dictionary<string, Func<string, string?>> Variants = new()
    {
        ["missing"] = _ => null,
        ["empty"] = _ => string.Empty,
        ["not-a-number"] = _ => "x",
        ["negative"] = _ => "-1",
        ["huge"] = _ => "99999999999999999999999",
        ["control"] = _ => "\u0001\u0000",
        ["reason-only"] = name => name.EndsWith(".Reason", StringComparison.Ordinal) ? "form test" : null,
    };

    public static TheoryData<string, string> UsersByVariant()
    {
        var data = new TheoryData<string, string>();
        foreach (var user in PortalFormSilo.Users)
        {
            foreach (var variant in Variants.Keys)
            {
                data.Add(user, variant);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UsersByVariant))]
    public async Task EveryFormAnswersWithThePageOrARedirectNeverAnError(string user, string variant)
    {
        using var client = await SignInAsync(user);
        using var admin = await SignInAsync("ada");
        var token = await AntiforgeryTokenAsync(client);
        var policies = silo.Factory.Service<IGrainFactory>().GetGrain<IPolicyGrain>(IPolicyGrain.SingletonKey);
        var bookBefore = await PoliciesAsync(policies);
        var posted = 0;
        var handlers = new List<string>();

        // The forms as an administrator sees them: every role posts to each, whether its page shows the form or not.
        foreach (var page in Pages.Select(p => p.Replace("{card}", silo.CardToken, StringComparison.Ordinal).Replace("{merchant}", silo.MerchantId, StringComparison.Ordinal)))
        {
            var html = await admin.GetStringAsync(new Uri(page, UriKind.Relative));
            using var ownPage = await client.GetAsync(new Uri(page, UriKind.Relative));
            var own = ownPage.StatusCode == HttpStatusCode.OK ? await ownPage.Content.ReadAsStringAsync() : string.Empty;
            foreach (var form in Form().Matches(html).Where(f => f.Value.Contains("name=\"_handler\"", StringComparison.Ordinal)))
            {
                var handler = HiddenValue(form.Value, "_handler");
                var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("_handler", handler) };
                foreach (var name in FieldNames(form.Value).Where(n => n is not ("_handler" or "__RequestVerificationToken")).Distinct())
                {
                    if (Variants[variant](name) is { } value)
                    {
                        fields.Add(new(name, value));
                    }
                }

                using var response = await client.PostAsync(new Uri(page, UriKind.Relative), new FormUrlEncodedContent(fields));
                var body = await response.Content.ReadAsStringAsync();
                var what = $"{user} posting {variant} to {page} form {handler}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
                var onOwnPage = own.Contains($"value=\"{handler}\"", StringComparison.Ordinal);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        // The page again, with the form and what was wrong (or what was done).
                        Assert.True(body.Contains("role=\"alert\"", StringComparison.Ordinal) || body.Contains("role=\"status\"", StringComparison.Ordinal), what);
                        break;
                    case HttpStatusCode.Redirect or HttpStatusCode.Forbidden:
                        break;
                    case HttpStatusCode.BadRequest:
                        // Blazor refuses a form its page does not render for this user, and antiforgery refuses a body
                        // it cannot read (NUL in a field) before any handler runs.
                        Assert.True(!onOwnPage || variant == "control", what);
                        break;
                    default:
                        Assert.Fail(what + " " + string.Join("\n", silo.Logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal)).Take(1)));
                        break;
                }

                posted++;
                handlers.Add(handler);
            }
        }

        // The access page's six forms: add and change users, their roles, passwords and state, and create and revoke keys.
        Assert.True(posted >= 6, $"only {posted} forms found: {string.Join(", ", handlers)}");
        // No variant carries a whole policy and a reason, so none may have changed one (a merchant may be suspended).
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
