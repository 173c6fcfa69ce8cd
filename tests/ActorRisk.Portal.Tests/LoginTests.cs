using System.Text.RegularExpressions;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// Signing in to the risk portal in a real browser: the redirect to /login, the form, wrong passwords, lockout,
/// signing out, and the form's antiforgery token.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class LoginTests(BrowserFixture browser) : PortalTest(browser)
{
    private const string WrongCredentials = "The user name or password is not correct.";
    private const string LockedOut = "This account is locked for 15 minutes after repeated failed sign-ins.";
    private const string AntiforgeryField = "__RequestVerificationToken";

    [Fact]
    public async Task TheOverviewRedirectsToTheLoginPageWhenNotSignedIn()
    {
        using var client = Silo.FormClient();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(response.Headers.Location);
        Assert.Equal("/login?ReturnUrl=%2F", new Uri(Silo.Address, response.Headers.Location).PathAndQuery);

        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(Url("/login?ReturnUrl=%2F"));
    }

    [Fact]
    public async Task TheLoginPageHasALabelledFormWithASignInButton()
    {
        await Page.GotoAsync("/login");

        await Expect(UserNameField).ToBeVisibleAsync();
        await Expect(UserNameField).ToBeEditableAsync();
        await Expect(PasswordField).ToBeVisibleAsync();
        await Expect(PasswordField).ToHaveAttributeAsync("type", "password");
        await Expect(SignInButton).ToBeVisibleAsync();
        await ScreenshotAsync(Page, "login");
    }

    [Fact]
    public async Task AnAnalystSignsInAndLandsOnTheOverviewWithTheirNameInTheHeader()
    {
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(Url("/login?ReturnUrl=%2F"));

        await SubmitLoginAsync(PortalSilo.Analyst.UserName, PortalSilo.Analyst.Password);

        await Expect(Page).ToHaveURLAsync(Url("/"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1, Exact = true })).ToBeVisibleAsync();
        await Expect(Header).ToContainTextAsync(PortalSilo.Analyst.UserName);
    }

    [Fact]
    public async Task AWrongPasswordShowsAnErrorAndStaysOnTheLoginPage()
    {
        await Page.GotoAsync("/login");
        await SubmitLoginAsync(PortalSilo.Analyst.UserName, "not-the-password");

        await Expect(Page.GetByText(WrongCredentials, new() { Exact = true })).ToBeVisibleAsync();
        Assert.Equal("/login", new Uri(Page.Url).AbsolutePath);
        await ScreenshotAsync(Page, "login-wrong-password");

        // The same answer for a user name that does not exist: the page does not tell which names do.
        await SubmitLoginAsync("nobody", "not-the-password");
        await Expect(Page.GetByText(WrongCredentials, new() { Exact = true })).ToBeVisibleAsync();
        Assert.Equal("/login", new Uri(Page.Url).AbsolutePath);

        // Still signed out.
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(Url("/login?ReturnUrl=%2F"));
    }

    [Fact]
    public async Task AFailedSignInDoesNotSendThePasswordBack()
    {
        const string password = "wrong-but-secret-7319";
        await Page.GotoAsync("/login");
        await SubmitLoginAsync(PortalSilo.Analyst.UserName, password);

        await Expect(Page.GetByText(WrongCredentials, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(PasswordField).ToHaveValueAsync(string.Empty);
        Assert.DoesNotContain(password, await Page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountEvenForTheRightPassword()
    {
        await Page.GotoAsync("/login");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SubmitLoginAsync(PortalSilo.Analyst.UserName, $"wrong-password-{attempt}");
            Assert.Equal("/login", new Uri(Page.Url).AbsolutePath);
            if (attempt < 5)
            {
                await Expect(Page.GetByText(WrongCredentials, new() { Exact = true })).ToBeVisibleAsync();
            }
        }

        // Locked: even the right password is refused.
        await SubmitLoginAsync(PortalSilo.Analyst.UserName, PortalSilo.Analyst.Password);
        await Expect(Page.GetByText(LockedOut, new() { Exact = true })).ToBeVisibleAsync();
        Assert.Equal("/login", new Uri(Page.Url).AbsolutePath);
        await ScreenshotAsync(Page, "login-locked");

        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(Url("/login?ReturnUrl=%2F"));

        // Only that account: another user still signs in.
        await SubmitLoginAsync(PortalSilo.Operator.UserName, PortalSilo.Operator.Password);
        await Expect(Page).ToHaveURLAsync(Url("/"));
        await Expect(Header).ToContainTextAsync(PortalSilo.Operator.UserName);
    }

    [Fact]
    public async Task SignOutInTheHeaderReturnsToTheLoginPage()
    {
        await SignInAsync(PortalSilo.Analyst);
        await Expect(Page).ToHaveURLAsync(Url("/"));

        await SubmitAsync(Page, Header.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }));

        await Expect(Page).ToHaveURLAsync(LoginPath());
        await Expect(SignInButton).ToBeVisibleAsync();

        // The session is gone: the overview asks to sign in again.
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(Url("/login?ReturnUrl=%2F"));
    }

    [Fact]
    public async Task TheLoginFormCarriesAnAntiforgeryTokenAndAPostWithoutItIsRefused()
    {
        await Page.GotoAsync("/login");
        var form = Page.Locator("form").Filter(new() { Has = SignInButton });
        await Expect(form).ToHaveCountAsync(1);
        var token = form.Locator($"input[name='{AntiforgeryField}']");
        await Expect(token).ToHaveCountAsync(1);
        Assert.False(string.IsNullOrEmpty(await token.GetAttributeAsync("value")), "The antiforgery token is empty.");
        Assert.Equal("/login", new Uri(await form.EvaluateAsync<string>("f => f.action")).AbsolutePath);
        Assert.Equal("post", await form.EvaluateAsync<string>("f => f.method"));

        // What the browser would post (hidden fields included), with the right password.
        await UserNameField.FillAsync(PortalSilo.Analyst.UserName);
        await PasswordField.FillAsync(PortalSilo.Analyst.Password);
        var fields = (await form.EvaluateAsync<string[][]>("f => Array.from(new FormData(f), ([k, v]) => [k, String(v)])"))
            .Select(f => KeyValuePair.Create(f[0], f[1]))
            .ToList();
        Assert.Contains(fields, f => f.Key == AntiforgeryField);
        var withoutToken = fields.Where(f => f.Key != AntiforgeryField).ToList();

        // Without the browser's cookies and without the token: refused.
        using (var stranger = Silo.FormClient())
        {
            using var refused = await stranger.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(withoutToken));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        // With the browser's cookies (the antiforgery cookie among them) but without the token: refused too.
        var cookies = new CookieContainer();
        foreach (var cookie in await Context.CookiesAsync())
        {
            cookies.Add(new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        }

        using var client = Silo.FormClient(cookies);
        using (var refused = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(withoutToken)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        // The same post with the token signs in (so the refusals above were the token's doing).
        using var accepted = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.True((int)accepted.StatusCode is >= 300 and < 400, $"Expected a redirect after signing in, got {(int)accepted.StatusCode}.");
        Assert.NotNull(accepted.Headers.Location);
        Assert.Equal("/", new Uri(Silo.Address, accepted.Headers.Location).AbsolutePath);
    }

    private Regex LoginPath() => new("^" + Regex.Escape(Url("/login")) + @"(\?.*)?$");
}
