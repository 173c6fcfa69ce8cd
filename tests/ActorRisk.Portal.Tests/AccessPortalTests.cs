using System.Text.RegularExpressions;
using ActorRisk.Api.Access;
using ActorRisk.Api.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// Administrators manage portal users and API keys on /admin/access: a user they add signs in with its roles and
/// is shut out (open session included) once disabled; a key they create works at once, is shown only once, and
/// stops working when revoked; operators neither open the page nor post to it, and an administrator demoted while
/// the page is open is refused on the next change.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class AccessPortalTests(BrowserFixture browser) : PortalTest(browser)
{
    private const string AccessPath = "/admin/access";

    [Fact]
    public async Task AnAdministratorAddsAnOperatorWhoSignsInAndWhoseOpenSessionEndsWhenDisabled()
    {
        var nadia = new PortalAccount("nadia", "night-shift-passphrase", "operator");
        await SignInAsync(PortalSilo.Admin);
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main", Exact = true }).GetByRole(AriaRole.Link, new() { Name = "Access", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(Url(AccessPath));
        await WaitForInteractiveAsync(Page);

        // A password that is too short is refused next to the form, and nothing is created.
        var add = Page.GetByRole(AriaRole.Form, new() { Name = "Add a user", Exact = true });
        await add.GetByLabel("User name", new() { Exact = true }).FillAsync(nadia.UserName);
        await add.GetByLabel("operator", new() { Exact = true }).CheckAsync();
        await add.GetByLabel("Initial password", new() { Exact = true }).FillAsync("too-short");
        await add.GetByLabel("Confirm initial password", new() { Exact = true }).FillAsync("too-short");
        await add.GetByLabel("Reason for adding", new() { Exact = true }).FillAsync("Night shift operator INC-4410");
        await add.GetByRole(AriaRole.Button, new() { Name = "Add user", Exact = true }).ClickAsync();
        await Expect(add.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Password: at least 12 characters.");

        await add.GetByLabel("Initial password", new() { Exact = true }).FillAsync(nadia.Password);
        await add.GetByLabel("Confirm initial password", new() { Exact = true }).FillAsync(nadia.Password);
        await add.GetByRole(AriaRole.Button, new() { Name = "Add user", Exact = true }).ClickAsync();
        await Expect(PageStatus).ToContainTextAsync("User nadia added with operator.");
        var row = Page.Locator("table.grid tbody tr").Filter(new() { HasText = "nadia" });
        await Expect(row).ToContainTextAsync("database");
        await Expect(row).ToContainTextAsync("enabled");
        await Expect(Page.Locator("table.grid tbody tr").Filter(new() { HasText = "admin" }).First).ToContainTextAsync("configuration");
        await SubmitAsync(Page, Header.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }));

        // The new user signs in and has the operator's actions, but not the administrator's page.
        using var api = Silo.ApiClient();
        var merchant = $"m_access_{Guid.NewGuid():N}"[..18];
        await PortalApi.RecordSalesAsync(api, merchant, count: 10, amountYen: 30_000);
        await SignInAsync(nadia);
        await Expect(Header).ToContainTextAsync("nadia");
        await Page.GotoAsync($"/merchants/{merchant}");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Suspend merchant", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Access", Exact = true })).ToHaveCountAsync(0);

        // Another administrator, in another browser, disables her.
        var adminContext = await Fixture.NewContextAsync(Silo.Address);
        try
        {
            var admin = await adminContext.NewPageAsync();
            await SignInOnAsync(admin, PortalSilo.Admin);
            await admin.GotoAsync(AccessPath);
            await WaitForInteractiveAsync(admin);
            var state = admin.GetByRole(AriaRole.Form, new() { Name = "Disable or enable a user", Exact = true });
            await state.GetByLabel("User to disable or enable", new() { Exact = true }).SelectOptionAsync("nadia");
            await state.GetByLabel("Change to", new() { Exact = true }).SelectOptionAsync("disabled");
            await state.GetByLabel("Reason for the state change", new() { Exact = true }).FillAsync("Badge returned INC-4415");
            await state.GetByRole(AriaRole.Button, new() { Name = "Change state", Exact = true }).ClickAsync();
            await Expect(admin.Locator("main [role='status']")).ToContainTextAsync("User nadia disabled");
            await Expect(admin.Locator("table.grid tbody tr").Filter(new() { HasText = "nadia" })).ToContainTextAsync("disabled");

            await admin.GotoAsync("/audit?target=nadia");
            await Expect(admin.Locator("table tbody tr td:nth-child(3)")).ToHaveTextAsync(["user.disable", "user.create"]);
        }
        finally
        {
            await adminContext.CloseAsync();
        }

        // Her open session ends with her next navigation, and she cannot sign in again.
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(Url("/login?ReturnUrl=%2F"));
        await SubmitLoginAsync(nadia.UserName, nadia.Password);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("disabled");
    }

    [Fact]
    public async Task AnAdministratorCreatesAKeyThatIsShownOnceWorksAtOnceAndStopsWhenRevoked()
    {
        await SignInAsync(PortalSilo.Admin);
        await GotoInteractiveAsync(AccessPath);
        var create = Page.GetByRole(AriaRole.Form, new() { Name = "Create an API key", Exact = true });
        await create.GetByLabel("Key name", new() { Exact = true }).FillAsync("pos-gateway-7");
        await create.GetByLabel("gateway", new() { Exact = true }).CheckAsync();
        await create.GetByLabel("Reason for creating the key", new() { Exact = true }).FillAsync("New gateway for the Kobe stores");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create key", Exact = true }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "New API key “pos-gateway-7”" })).ToBeVisibleAsync();
        await Expect(Page.GetByText("shown this once and never again")).ToBeVisibleAsync();
        var key = await Page.GetByLabel("API key (select it and copy)").InputValueAsync();
        Assert.Matches(KeyFormat(), key);
        await Expect(Page.Locator("table.grid tbody tr").Filter(new() { HasText = "pos-gateway-7" })).ToContainTextAsync("gateway");
        await ScreenshotAsync(Page, "access");
        var unnamed = await Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('main input:not([type=hidden]), main select, main button')]
                .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby') && !(c.tagName === 'BUTTON' && c.textContent.trim()))
                .map(c => c.outerHTML)
            """);
        Assert.True(unnamed.Length == 0, $"Controls without an accessible name: {string.Join(", ", unnamed)}");

        // A gateway key may read a card (none has activity here: 404), and the key works at once.
        var card = new Uri($"/v1/cards/tok_{Guid.NewGuid():N}", UriKind.Relative);
        using (var client = Silo.ApiClient(key))
        using (var read = await client.GetAsync(card))
        {
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        // Never again: not on the next visit of the page, not in the audit log.
        await GotoInteractiveAsync(AccessPath);
        await Expect(Page.GetByLabel("API key (select it and copy)")).ToHaveCountAsync(0);
        Assert.DoesNotContain(key, await Page.ContentAsync(), StringComparison.Ordinal);
        await Page.GotoAsync("/audit?action=apikey.create");
        await Expect(Page.Locator("table tbody tr").Filter(new() { HasText = "New gateway for the Kobe stores" })).ToHaveCountAsync(1);
        Assert.DoesNotContain(key, await Page.ContentAsync(), StringComparison.Ordinal);

        await GotoInteractiveAsync(AccessPath);
        var revoke = Page.GetByRole(AriaRole.Form, new() { Name = "Revoke an API key", Exact = true });
        await revoke.GetByLabel("Key to revoke", new() { Exact = true }).SelectOptionAsync("pos-gateway-7");
        await revoke.GetByLabel("Reason for revoking", new() { Exact = true }).FillAsync("Gateway decommissioned");
        await revoke.GetByRole(AriaRole.Button, new() { Name = "Revoke key", Exact = true }).ClickAsync();
        await Expect(PageStatus).ToContainTextAsync("API key pos-gateway-7 revoked");
        await Expect(Page.Locator("table.grid tbody tr").Filter(new() { HasText = "pos-gateway-7" })).ToContainTextAsync("revoked");

        using (var client = Silo.ApiClient(key))
        using (var read = await client.GetAsync(card))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        }
    }

    [Fact]
    public async Task AnAdministratorDemotedWhileThePageIsOpenIsRefusedOnTheNextChange()
    {
        var ines = new PortalAccount("ines", "day-shift-passphrase", "admin");
        var access = Silo.Services.GetRequiredService<AccessOperations>();
        Assert.True((await access.CreateUserAsync(ines.UserName, [ines.Role], ines.Password, ines.Password, "second administrator", "admin")).Succeeded);
        await SignInAsync(ines);
        await GotoInteractiveAsync(AccessPath);

        // Her circuit still carries the administrator's role it was opened with; the users as they are now do not.
        Assert.True((await access.SetRolesAsync(ines.UserName, [PortalRoleNames.Analyst], "left the admin team", "admin")).Succeeded);
        var create = Page.GetByRole(AriaRole.Form, new() { Name = "Create an API key", Exact = true });
        await create.GetByLabel("Key name", new() { Exact = true }).FillAsync("ines-made");
        await create.GetByLabel("admin", new() { Exact = true }).CheckAsync();
        await create.GetByLabel("Reason for creating the key", new() { Exact = true }).FillAsync("before anyone notices");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create key", Exact = true }).ClickAsync();

        await Expect(create.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Only administrators manage users and API keys.");
        await Expect(Page.GetByLabel("API key (select it and copy)")).ToHaveCountAsync(0);
        Assert.Empty((await access.CurrentAsync()).ApiKeys);
    }

    [Fact]
    public async Task AnOperatorCanNeitherOpenTheAccessPageNorPostToIt()
    {
        await SignInAsync(PortalSilo.Operator);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Access", Exact = true })).ToHaveCountAsync(0);
        await Page.GotoAsync(AccessPath);
        Assert.Equal("/denied", new Uri(Page.Url).AbsolutePath);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not allowed");

        // The page's forms live on its circuit; a form post shaped like the old static page's, with the operator's
        // cookie and a good antiforgery token from another page, changes nothing either.
        var request = Page.APIRequest;
        var html = await (await request.GetAsync("/")).TextAsync();
        var token = WebUtility.HtmlDecode(ValueAttribute().Match(AntiforgeryInput().Match(html).Value).Groups["value"].Value);
        Assert.False(string.IsNullOrEmpty(token), "No antiforgery token on the overview.");
        foreach (var (handler, fields) in new (string, (string, string)[])[]
        {
            ("apikey-create", [("NewKey.Name", "operator-made"), ("NewKey.Roles[admin]", "true"), ("NewKey.Reason", "x")]),
            ("user-create", [("NewUser.UserName", "mallory"), ("NewUser.Roles[admin]", "true"), ("NewUser.Password", "mallory-passphrase"), ("NewUser.Confirmation", "mallory-passphrase"), ("NewUser.Reason", "x")]),
        })
        {
            var form = request.CreateFormData();
            form.Append("_handler", handler);
            form.Append("__RequestVerificationToken", token);
            foreach (var (name, value) in fields)
            {
                form.Append(name, value);
            }

            var posted = await request.PostAsync(AccessPath, new() { Form = form, MaxRedirects = 0 });
            var refused = posted.Status == 400
                || (posted.Status == 302 && posted.Headers.TryGetValue("location", out var location) && new Uri(Silo.Address, location).AbsolutePath == "/denied");
            Assert.True(refused, $"{handler}: expected 400 or a redirect to /denied, got {posted.Status}: {await posted.TextAsync()}");
        }

        var state = await Silo.Services.GetRequiredService<AccessOperations>().CurrentAsync();
        Assert.Empty(state.ApiKeys);
        Assert.Empty(state.Users);
    }

    private static async Task SignInOnAsync(IPage page, PortalAccount account)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync(account.UserName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(account.Password);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }));
        await Expect(page.Locator("header").First).ToContainTextAsync(account.UserName);
    }

    [GeneratedRegex("^ar_[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyFormat();

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex("value=\"(?<value>[^\"]+)\"")]
    private static partial Regex ValueAttribute();
}
