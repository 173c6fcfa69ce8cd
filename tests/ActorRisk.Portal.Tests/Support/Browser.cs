namespace ActorRisk.Portal.Tests.Support;

/// <summary>
/// One Playwright driver and one headless Chromium for every browser test (an xunit collection fixture), launched as
/// <see cref="Chromium"/> launches it (Debian's /usr/bin/chromium: Playwright's own browser download does not work on
/// these machines); each test gets a fresh context (its own cookies and storage) with a 1280x800 viewport. Without
/// Chromium every test fails with a message saying so; browser tests are never skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly ViewportSize Viewport = Chromium.Viewport;

    private Chromium? chromium;

    public IBrowser Browser => chromium?.Browser ?? throw new InvalidOperationException("The browser fixture has not started.");

    public async Task InitializeAsync()
    {
        // Expect(...) retries for up to this long: a first render on a busy 2-core CI machine can take seconds.
        SetDefaultExpectTimeout(15_000);
        chromium = await Chromium.LaunchAsync();
    }

    /// <summary>A fresh context (no cookies) whose relative URLs resolve against <paramref name="baseAddress"/>.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseAddress) =>
        (chromium ?? throw new InvalidOperationException("The browser fixture has not started.")).NewContextAsync(baseAddress);

    /// <summary>Saves a full-page PNG of <paramref name="page"/> to docs/screenshots/{name}.png at the repository root.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny([.. Path.GetInvalidFileNameChars(), '/', '\\']) >= 0)
        {
            throw new ArgumentException($"'{name}' is not a screenshot name (a file name without extension).", nameof(name));
        }

        Directory.CreateDirectory(RepositoryPaths.Screenshots);
        var path = Path.Combine(RepositoryPaths.Screenshots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }
    }
}

/// <summary>Every browser test class is in this collection: they share one Chromium and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// What a browser test starts with: a fresh silo (<see cref="PortalSilo"/>) and a fresh browser context and page
/// pointed at it, torn down after the test.
/// </summary>
public abstract class PortalTest(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>How long a form submission may take to navigate (a first render JIT-compiles on a 2-core machine).</summary>
    protected static readonly TimeSpan NavigationTimeout = TimeSpan.FromSeconds(30);

    private PortalSilo? silo;
    private IBrowserContext? context;
    private IPage? page;

    protected BrowserFixture Fixture { get; } = browser;

    protected PortalSilo Silo => silo ?? throw new InvalidOperationException("The test has not started.");

    protected IBrowserContext Context => context ?? throw new InvalidOperationException("The test has not started.");

    protected IPage Page => page ?? throw new InvalidOperationException("The test has not started.");

    public virtual async Task InitializeAsync()
    {
        silo = await StartSiloAsync();
        context = await Fixture.NewContextAsync(silo.Address);
        page = await context.NewPageAsync();
    }

    /// <summary>Starts the test's silo: <see cref="PortalSilo.StartAsync(IReadOnlyDictionary{string, string}?)"/> unless a test class needs another (a manual clock).</summary>
    protected virtual Task<PortalSilo> StartSiloAsync() => PortalSilo.StartAsync();

    protected static Task<string> ScreenshotAsync(IPage page, string name) => BrowserFixture.ScreenshotAsync(page, name);

    /// <summary>The path and query of the page's URL ("/login?ReturnUrl=%2F").</summary>
    protected static string PathAndQuery(IPage page) => new Uri(page.Url).PathAndQuery;

    /// <summary>
    /// Clicks <paramref name="button"/> (a form's submit button) and waits until the main frame has navigated to the
    /// answer and that document is parsed, so the next action never lands on the page before it. Not the load event:
    /// under a busy CI machine a page's fonts and styles can keep it from firing for long after the page is usable,
    /// and every check after a submit waits for what it looks for anyway.
    /// </summary>
    protected static async Task SubmitAsync(IPage page, ILocator button)
    {
        var navigated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame)
            {
                navigated.TrySetResult();
            }
        }

        page.FrameNavigated += OnNavigated;
        try
        {
            await button.ClickAsync();
            await navigated.Task.WaitAsync(NavigationTimeout);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"Clicking {button} on {page.Url} did not navigate within {NavigationTimeout.TotalSeconds} s.", exception);
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
        }

        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>The login form's fields, as the contract names them.</summary>
    protected ILocator UserNameField => Page.GetByLabel("User name", new() { Exact = true });

    protected ILocator PasswordField => Page.GetByLabel("Password", new() { Exact = true });

    protected ILocator SignInButton => Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });

    /// <summary>
    /// The page's own status message (role=status in main), not the regions every page has outside main: MudBlazor's
    /// snackbar container and the reconnect banner, empty or hidden until they have news.
    /// </summary>
    protected ILocator PageStatus => Page.Locator("main [role='status']");

    /// <summary>The page header (the first header element): the signed-in user's name and the Sign out button.</summary>
    protected ILocator Header => Page.Locator("header").First;

    /// <summary>Fills the login form of the current page and submits it.</summary>
    protected async Task SubmitLoginAsync(string userName, string password)
    {
        await UserNameField.FillAsync(userName);
        await PasswordField.FillAsync(password);
        await SubmitAsync(Page, SignInButton);
    }

    /// <summary>Opens /login and signs in as <paramref name="account"/>; the page is then wherever the portal sent it.</summary>
    protected async Task SignInAsync(PortalAccount account)
    {
        await Page.GotoAsync("/login");
        await SubmitLoginAsync(account.UserName, account.Password);
    }

    /// <summary>
    /// Opens <paramref name="pathAndQuery"/> and waits until its circuit is up (the layout marks main with
    /// data-interactive), so a click is handled by the page rather than lost before Blazor starts.
    /// </summary>
    protected async Task GotoInteractiveAsync(string pathAndQuery)
    {
        await Page.GotoAsync(pathAndQuery);
        await WaitForInteractiveAsync(Page);
    }

    /// <summary>Waits until <paramref name="page"/>'s circuit is up (see <see cref="GotoInteractiveAsync"/>).</summary>
    protected static Task WaitForInteractiveAsync(IPage page) =>
        Expect(page.Locator("main#content[data-interactive='true']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

    /// <summary>
    /// Opens <paramref name="pathAndQuery"/> and waits until it takes input: an interactive page once its circuit is up
    /// (see <see cref="GotoInteractiveAsync"/>), a statically rendered one (sign-in) once it has loaded.
    /// </summary>
    protected async Task GotoReadyAsync(string pathAndQuery)
    {
        await Page.GotoAsync(pathAndQuery);
        await WaitForReadyAsync(Page);
    }

    /// <summary>Waits until <paramref name="page"/> takes input (see <see cref="GotoReadyAsync"/>).</summary>
    protected static async Task WaitForReadyAsync(IPage page)
    {
        // The layout says how the page is rendered; a page without it (sign-in) is static.
        if (await page.Locator("main#content[data-render]").CountAsync() > 0)
        {
            await Expect(page.Locator("main#content[data-render='interactive'], main#content[data-render='static']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        }
    }

    /// <summary>An absolute URL on the silo, for URL assertions.</summary>
    protected string Url(string pathAndQuery) => new Uri(Silo.Address, pathAndQuery).ToString();

    public virtual async Task DisposeAsync()
    {
        if (context is not null)
        {
            await context.CloseAsync();
        }

        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }
}
