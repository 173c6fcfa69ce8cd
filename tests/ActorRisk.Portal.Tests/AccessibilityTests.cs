using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// The portal's accessibility in a real browser: keyboard use (skip link, tab order, visible focus, sign-in without a
/// mouse), accessible names of form controls, WCAG AA text contrast measured from computed styles, the current page
/// in the navigation, polite live regions, one h1 per page, and layouts at 1280 px and on tablets without sideways
/// page scrolling. The pages carry data (decisions, a merchant over a threshold, alerts, audit entries) so tables,
/// badges and warning colours are on them when measured.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class AccessibilityTests(BrowserFixture browser) : PortalTest(browser)
{
    private const string DisputedMerchant = "m_a11y_disputed_merchant_with_a_long_identifier";
    private const string TestedMerchant = "m_a11y_card_testing";

    private static readonly (string Path, string Name)[] NavLinks =
    [
        ("/", "Overview"),
        ("/merchants", "Merchants"),
        ("/cards", "Cards"),
        ("/live", "Live feed"),
        ("/alerts", "Alerts"),
        ("/audit", "Audit log"),
        ("/policies", "Policies"),
    ];

    private static readonly string[] MainPages = [.. NavLinks.Select(l => l.Path)];

    /// <summary>What an administrator's navigation adds: user and API key management.</summary>
    private static readonly (string Path, string Name)[] AdminNavLinks = [.. NavLinks, ("/admin/access", "Access")];

    private static readonly string[] AdminPages = [.. AdminNavLinks.Select(l => l.Path)];

    public static TheoryData<int, int> Viewports => new() { { 768, 1024 }, { 1024, 768 }, { 1280, 800 } };

    private ILocator MainNav => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main", Exact = true });

    [Fact]
    public async Task TheFirstTabReachesTheSkipLinkAndEnterMovesFocusToTheMainRegionOfTheSamePage()
    {
        await SignInAsync(PortalSilo.Analyst);

        foreach (var path in new[] { "/", "/merchants?status=Enforcement" })
        {
            await GotoReadyAsync(path);
            await Page.Keyboard.PressAsync("Tab");
            var skip = await FocusedAsync();
            Assert.True(skip.Text == "Skip to content", $"On {path} the first Tab focused {skip}, not the skip link.");
            await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Skip to content", Exact = true })).ToBeInViewportAsync(new() { Ratio = 1 });
            AssertFocusRing(skip, path);

            await Page.Keyboard.PressAsync("Enter");
            try
            {
                await Page.WaitForFunctionAsync("() => document.activeElement?.id === 'content'", null, new() { Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                Assert.Fail($"On {path} Enter on the skip link left the focus on {await FocusedAsync()}.");
            }

            // The page has <base href="/">: a skip link that resolved against it would have left for the overview.
            Assert.Equal(path, PathAndQuery(Page).Split('#')[0]);
        }
    }

    [Fact]
    public async Task TabbingFromTheTopReachesTheAppBarAndEveryNavigationLinkInOrderEachWithAVisibleFocusRing()
    {
        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/");

        // The app bar (drawer toggle, brand, theme, sign out), then the drawer's links in their order.
        string[] expected = ["Skip to content", "Navigation", "ActorRisk", "Dark theme", "Sign out", .. NavLinks.Select(l => l.Name)];
        foreach (var name in expected)
        {
            await Page.Keyboard.PressAsync("Tab");
            var focused = await FocusedAsync();
            Assert.True(focused.Text == name, $"Expected \"{name}\" next in the tab order, got {focused}.");
            AssertFocusRing(focused, "/");
        }
    }

    [Fact]
    public async Task TheSignInFormIsCompletedWithTheKeyboardAlone()
    {
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(Url("/login?ReturnUrl=%2F"));

        await Page.Keyboard.PressAsync("Tab");
        await Expect(UserNameField).ToBeFocusedAsync();
        AssertFocusRing(await FocusedAsync(), "/login");
        await Page.Keyboard.TypeAsync(PortalSilo.Operator.UserName);
        await Page.Keyboard.PressAsync("Tab");
        await Expect(PasswordField).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(PortalSilo.Operator.Password);
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(Url("/"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1, Exact = true })).ToBeVisibleAsync();
        await Expect(Header).ToContainTextAsync(PortalSilo.Operator.UserName);
    }

    [Fact]
    public async Task EveryFormControlOnTheMainPagesHasAnAccessibleName()
    {
        await SeedAsync();
        await Page.GotoAsync("/login");
        var unnamed = new List<string>();
        var controls = await CollectUnnamedControlsAsync("/login", unnamed);

        await SubmitLoginAsync(PortalSilo.Admin.UserName, PortalSilo.Admin.Password);
        foreach (var path in AdminPages.Append("/cards?token=not-a-token"))
        {
            await GotoReadyAsync(path);
            controls += await CollectUnnamedControlsAsync(path, unnamed);
        }

        Assert.True(controls > 20, $"Only {controls} form controls were found on the main pages: the check did not see the forms.");
        Assert.True(unnamed.Count == 0, $"Form controls without an accessible name:\n{string.Join('\n', unnamed)}");
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task TextOnEveryMainPageMeetsTheWcagAaContrastMinimum(string theme)
    {
        await SeedAsync();
        var offenders = new List<string>();
        var measured = 0;

        // The theme a user picked in the app bar, as its cookie (Theme/PortalTheme.cs) carries it to every page.
        await Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "actorrisk.theme", Value = theme, Url = Silo.Address.ToString() }]);

        // The sign-in page, before and after a failed attempt (the error colours).
        await Page.GotoAsync("/login");
        measured += await CollectContrastOffendersAsync("/login", offenders);
        await SubmitLoginAsync(PortalSilo.Admin.UserName, "not-the-password");
        await Expect(Page.Locator(".error")).ToBeVisibleAsync();
        measured += await CollectContrastOffendersAsync("/login (wrong password)", offenders);

        await SubmitLoginAsync(PortalSilo.Admin.UserName, PortalSilo.Admin.Password);
        await Expect(Page).ToHaveURLAsync(Url("/"));
        await SaveDefaultPolicyAsync();

        // The live feed with a decision in it (its badge and links).
        await GotoInteractiveAsync("/live");
        using (var api = Silo.ApiClient())
        {
            await PortalScenarioTests.AuthorizeAsync(api, PortalScenarioTests.NewCardToken(), TestedMerchant, $"live-{Guid.NewGuid():N}");
        }

        await Expect(Page.Locator("#feed tr")).Not.ToHaveCountAsync(0);
        measured += await CollectContrastOffendersAsync("/live", offenders);

        if (theme == "dark")
        {
            await ScreenshotAsync(Page, "dark-live");
        }

        foreach (var path in AdminPages.Where(p => p != "/live").Concat(["/admin/cluster", $"/merchants/{DisputedMerchant}", "/merchants?status=EarlyWarning", "/cards?token=not-a-token", "/denied"]))
        {
            await GotoReadyAsync(path);
            measured += await CollectContrastOffendersAsync(path, offenders);
            if (theme == "dark" && !path.Contains('?', StringComparison.Ordinal) && path != "/denied")
            {
                // The main pages in the dark theme, for the README beside the light ones the scenario tests take.
                await ScreenshotAsync(Page, "dark-" + (path == "/" ? "overview" : path.Split('/')[^1] == DisputedMerchant ? "merchant-detail" : path.Split('/')[^1]));
            }
        }

        // A failed policy save shows the error block on the policies page.
        await GotoInteractiveAsync("/policies");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save override", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        measured += await CollectContrastOffendersAsync("/policies (not saved)", offenders);

        Assert.True(measured > 200, $"Only {measured} text elements were measured: the check did not see the pages.");
        Assert.True(offenders.Count == 0, $"Text below the WCAG AA contrast minimum:\n{string.Join('\n', offenders)}");
    }

    [Fact]
    public async Task TheContrastCheckReportsGreyTextOnWhite()
    {
        await Page.GotoAsync("/login");
        await Page.EvaluateAsync("""
            () => {
                const probe = document.createElement('p');
                probe.id = 'faint-probe';
                probe.textContent = 'Faint text';
                probe.style.cssText = 'color: #999999; background: #ffffff';
                document.querySelector('main').append(probe);
            }
            """);

        var offenders = new List<string>();
        await CollectContrastOffendersAsync("/login with a probe", offenders);

        // #999 on white is 2.85:1: if the check misses it, it would miss a real regression too.
        var reported = Assert.Single(offenders);
        Assert.Contains("#faint-probe", reported, StringComparison.Ordinal);
        Assert.Contains("2.85", reported, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task EveryMainPageFitsTheViewportWidthWithTheWholeNavigationVisible(int width, int height)
    {
        await SeedAsync();
        await SignInAsync(PortalSilo.Admin);
        await SaveDefaultPolicyAsync();
        await Page.SetViewportSizeAsync(width, height);

        var problems = new List<string>();
        foreach (var path in AdminPages)
        {
            await GotoReadyAsync(path);
            var (scrollWidth, innerWidth) = await PageWidthsAsync();
            if (scrollWidth > innerWidth)
            {
                problems.Add($"{path}: the page scrolls sideways ({scrollWidth} px of content in a {innerWidth} px window); widest: {await WidestElementAsync()}");
            }

            foreach (var (_, name) in AdminNavLinks)
            {
                var link = MainNav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
                try
                {
                    await Expect(link).ToBeInViewportAsync(new() { Ratio = 1, Timeout = 5_000 });
                }
                catch (PlaywrightException)
                {
                    problems.Add($"{path}: the \"{name}\" link is not wholly visible (box {Describe(await link.BoundingBoxAsync())}, window {innerWidth}x{height}).");
                }
            }

            if (width == 768 && path is "/" or "/merchants")
            {
                await ScreenshotAsync(Page, path == "/" ? "tablet-overview" : "tablet-merchants");
            }
        }

        // The seeded merchant's row is there, so the merchants table was measured with content in it.
        await Page.GotoAsync("/merchants");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = DisputedMerchant, Exact = true })).ToBeVisibleAsync();
        Assert.True(problems.Count == 0, $"At {width}x{height}:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public async Task TheNavigationMarksOnlyTheCurrentPageWithAriaCurrent()
    {
        await SignInAsync(PortalSilo.Admin);
        foreach (var (path, name) in AdminNavLinks)
        {
            await GotoReadyAsync(path);
            var current = MainNav.Locator("[aria-current='page']");
            await Expect(current).ToHaveCountAsync(1);
            await Expect(current).ToHaveTextAsync(name);
            await Expect(current).ToHaveAttributeAsync("href", path);
        }
    }

    [Fact]
    public async Task EveryPageHasOneH1NoSkippedHeadingLevelAndItsOwnTitle()
    {
        await SeedAsync();
        await Page.GotoAsync("/login");
        var titles = new Dictionary<string, string> { ["/login"] = await CheckHeadingsAsync("/login") };

        await SubmitLoginAsync(PortalSilo.Admin.UserName, PortalSilo.Admin.Password);
        foreach (var path in MainPages.Append("/denied"))
        {
            await GotoReadyAsync(path);
            titles[path] = await CheckHeadingsAsync(path);
        }

        foreach (var (path, title) in titles)
        {
            Assert.True(title.EndsWith(" · ActorRisk", StringComparison.Ordinal) && title.Length > " · ActorRisk".Length, $"{path} has the title \"{title}\".");
        }

        var shared = titles.GroupBy(t => t.Value).Where(g => g.Count() > 1).Select(g => $"\"{g.Key}\": {string.Join(", ", g.Select(t => t.Key))}").ToList();
        Assert.True(shared.Count == 0, $"Pages share a title: {string.Join("; ", shared)}");
    }

    [Fact]
    public async Task LiveRegionsArePoliteAndTheDocumentIsInEnglish()
    {
        await SignInAsync(PortalSilo.Analyst);
        foreach (var path in MainPages)
        {
            await GotoReadyAsync(path);
            await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Expect(Page.Locator("[aria-live='assertive']")).ToHaveCountAsync(0);
        }

        // New feed rows are read once each, when the reader is idle; rows already there are not read again.
        await Page.GotoAsync("/live");
        var feed = Page.Locator("#feed");
        await Expect(feed).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(feed).ToHaveAttributeAsync("aria-relevant", "additions");

        // The statistics are replaced every second: their container must not announce, or nothing else could be heard.
        await Page.GotoAsync("/");
        var stats = Page.Locator("#live-stats");
        await Expect(stats).ToHaveAttributeAsync("aria-live", "off");
        await Expect(stats.Locator("[aria-live]:not([aria-live='off']), [role='status'], [role='alert'], [role='log']")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Data for every table and badge: a burst that blocks a card, ten cards at one merchant (its card-testing alert),
    /// and a merchant with disputes over VDMP's ratio this month (warning colours in the merchants list).
    /// </summary>
    private async Task SeedAsync()
    {
        using var api = Silo.ApiClient();
        await PortalScenarioTests.BlockByBurstAsync(api, PortalScenarioTests.NewCardToken(), TestedMerchant);
        for (var i = 0; i < 10; i++)
        {
            await PortalScenarioTests.AuthorizeAsync(api, PortalScenarioTests.NewCardToken(), TestedMerchant, $"seed-{Guid.NewGuid():N}");
        }

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using (var sales = await api.PostAsJsonAsync(new Uri("/v1/sales", UriKind.Relative), new
        {
            batchId = $"a11y-sales-{Guid.NewGuid():N}",
            merchantId = DisputedMerchant,
            network = "visa",
            count = 2_000,
            amount = 2_000 * 5_000L,
            currency = "USD",
            cardPresent = false,
            date = today,
        }))
        {
            Assert.True(sales.IsSuccessStatusCode, $"POST /v1/sales: {(int)sales.StatusCode} {await sales.Content.ReadAsStringAsync()}");
        }

        var lines = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            lines.AppendLine(JsonSerializer.Serialize(new
            {
                disputeId = $"a11y-dispute-{Guid.NewGuid():N}",
                merchantId = DisputedMerchant,
                network = "visa",
                amount = 5_000,
                currency = "USD",
                reasonCode = "10.4",
                fraud = false,
                date = today,
            }));
        }

        using var content = new StringContent(lines.ToString(), Encoding.UTF8, "application/x-ndjson");
        using var disputes = await api.PostAsync(new Uri("/v1/disputes:batch", UriKind.Relative), content);
        Assert.True(disputes.IsSuccessStatusCode, $"POST /v1/disputes:batch: {(int)disputes.StatusCode} {await disputes.Content.ReadAsStringAsync()}");
    }

    /// <summary>Saves the default policy unchanged as the signed-in administrator: an audit entry with long JSON details.</summary>
    private async Task SaveDefaultPolicyAsync()
    {
        await GotoInteractiveAsync("/policies");
        await Page.GetByLabel("Reason for the change", new() { Exact = true }).First.FillAsync("Accessibility test: an audit entry with the whole policy");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save default policy", Exact = true }).ClickAsync();
        await Expect(PageStatus).ToContainTextAsync("Default policy saved.");
    }

    private async Task<int> CollectUnnamedControlsAsync(string path, List<string> unnamed)
    {
        var report = await Page.EvaluateAsync<JsonElement>(UnnamedControlsScript);
        unnamed.AddRange(report.GetProperty("unnamed").EnumerateArray().Select(e => $"{path}: {e.GetString()}"));
        return report.GetProperty("controls").GetInt32();
    }

    private async Task<int> CollectContrastOffendersAsync(string path, List<string> offenders)
    {
        var report = await Page.EvaluateAsync<JsonElement>(WithColourFunctions(ContrastScript));
        offenders.AddRange(report.GetProperty("offenders").EnumerateArray().Select(e => $"{path}: {e.GetString()}"));
        return report.GetProperty("measured").GetInt32();
    }

    /// <summary>Asserts the page's headings and returns its title.</summary>
    private async Task<string> CheckHeadingsAsync(string path)
    {
        var levels = await Page.Locator("h1, h2, h3, h4, h5, h6").EvaluateAllAsync<int[]>("hs => hs.map(h => Number(h.tagName[1]))");
        Assert.True(levels.Count(l => l == 1) == 1, $"{path} has {levels.Count(l => l == 1)} h1 elements (headings: {string.Join(", ", levels.Select(l => $"h{l}"))}).");
        Assert.True(levels[0] == 1, $"{path} starts with an h{levels[0]}, not its h1.");
        for (var i = 1; i < levels.Length; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"{path} jumps from h{levels[i - 1]} to h{levels[i]} (headings: {string.Join(", ", levels.Select(l => $"h{l}"))}).");
        }

        return await Page.TitleAsync();
    }

    private async Task<(int ScrollWidth, int InnerWidth)> PageWidthsAsync()
    {
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }

    /// <summary>The element reaching furthest right, for the failure message.</summary>
    private Task<string> WidestElementAsync() => Page.EvaluateAsync<string>("""
        () => {
            let widest = null, right = 0;
            for (const e of document.body.querySelectorAll('*')) {
                const r = e.getBoundingClientRect().right;
                if (r > right) { right = r; widest = e; }
            }
            return widest ? `${widest.tagName.toLowerCase()}${widest.id ? '#' + widest.id : ''}.${[...widest.classList].join('.')} to ${Math.round(right)} px` : 'none';
        }
        """);

    private static string Describe(LocatorBoundingBoxResult? box) =>
        box is null ? "none" : string.Create(CultureInfo.InvariantCulture, $"{box.X:0},{box.Y:0} {box.Width:0}x{box.Height:0}");

    private async Task<FocusedElement> FocusedAsync()
    {
        var focused = await Page.EvaluateAsync<JsonElement>(WithColourFunctions(FocusedScript));
        return new FocusedElement(
            focused.GetProperty("element").GetString()!,
            focused.GetProperty("text").GetString()!,
            focused.GetProperty("outlineStyle").GetString()!,
            focused.GetProperty("outlineWidth").GetDouble(),
            focused.GetProperty("outlineContrast").GetDouble());
    }

    /// <summary>WCAG 2.4.7 and 1.4.11: a solid or dashed ring at least 2 px wide, 3:1 against what is around it.</summary>
    private static void AssertFocusRing(FocusedElement focused, string path)
    {
        Assert.True(focused.OutlineStyle != "none" && focused.OutlineWidth >= 2, $"On {path} {focused} has no visible focus ring.");
        Assert.True(focused.OutlineContrast >= 3, $"On {path} the focus ring of {focused} is {focused.OutlineContrast:0.00}:1 against the background (3:1 needed).");
    }

    private sealed record FocusedElement(string Element, string Text, string OutlineStyle, double OutlineWidth, double OutlineContrast)
    {
        public override string ToString() => $"{Element} \"{Text}\" (outline {OutlineStyle} {OutlineWidth} px)";
    }

    /// <summary>
    /// The accessible-name sources a control can have: a label with text, aria-label, aria-labelledby pointing at
    /// text, or (buttons) its own text. A title or a placeholder alone does not count.
    /// </summary>
    private const string UnnamedControlsScript = """
        () => {
            const text = s => (s || '').replace(/\s+/g, ' ').trim();
            const named = e => {
                if (text(e.getAttribute('aria-label'))) return true;
                const by = e.getAttribute('aria-labelledby');
                if (by && text(by.split(/\s+/).map(id => document.getElementById(id)?.textContent).join(' '))) return true;
                if (e.labels && [...e.labels].some(l => text(l.textContent))) return true;
                if (e.tagName === 'BUTTON' && text(e.textContent)) return true;
                if (e.tagName === 'INPUT' && ['submit', 'reset', 'button'].includes(e.type) && text(e.value)) return true;
                return false;
            };
            const controls = [...document.querySelectorAll('input, select, textarea, button')].filter(e => e.type !== 'hidden');
            return { controls: controls.length, unnamed: controls.filter(e => !named(e)).map(e => e.outerHTML.slice(0, 200)) };
        }
        """;

    /// <summary>
    /// Colour arithmetic shared by the scripts below: parsing computed colours, alpha compositing, the effective
    /// background (ancestors' backgrounds composited until an opaque one, white behind all), and the WCAG ratio.
    /// </summary>
    private const string ColourFunctions = """
        const parseColour = c => {
            const m = /rgba?\(([^)]+)\)/.exec(c);
            if (!m) return null;
            const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
            return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
        };
        const over = (top, bottom) => {
            const a = top.a + bottom.a * (1 - top.a);
            const mix = k => (top[k] * top.a + bottom[k] * bottom.a * (1 - top.a)) / a;
            return { r: mix('r'), g: mix('g'), b: mix('b'), a };
        };
        const backgroundOf = element => {
            const layers = [];
            for (let e = element; e; e = e.parentElement) {
                const c = parseColour(getComputedStyle(e).backgroundColor);
                if (c && c.a > 0) {
                    layers.push(c);
                    if (c.a >= 1) break;
                }
            }
            return layers.reduceRight((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
        };
        const luminance = c => {
            const channel = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
        };
        const ratio = (a, b) => {
            const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
            return (hi + 0.05) / (lo + 0.05);
        };
        const hex = c => '#' + [c.r, c.g, c.b].map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
        const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map(c => '.' + c).join('');
        """;

    /// <summary>A function for Page.EvaluateAsync: <see cref="ColourFunctions"/>, then <paramref name="body"/> (which returns).</summary>
    private static string WithColourFunctions(string body) => "() => {\n" + ColourFunctions + body + "\n}";

    /// <summary>
    /// Every rendered element with text of its own (and every text field's value and placeholder), outside SVG: its
    /// colour over its effective background against 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold).
    /// </summary>
    private const string ContrastScript = """
            const offenders = [];
            let measured = 0;
            const check = (element, style, colour, label) => {
                const background = backgroundOf(element);
                const foreground = over(parseColour(colour), background);
                const size = parseFloat(style.fontSize);
                const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
                const needed = large ? 3 : 4.5;
                const actual = ratio(foreground, background);
                measured++;
                if (actual < needed) {
                    offenders.push(`${describe(element)} "${label.slice(0, 40)}": ${hex(foreground)} on ${hex(background)} is ${actual.toFixed(2)}:1, needs ${needed}:1`);
                }
            };
            for (const element of document.body.querySelectorAll('*')) {
                if (element.closest('svg, script, style, template, option')) continue;
                const style = getComputedStyle(element);
                if (element.getClientRects().length === 0 || style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
                const ownText = [...element.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('').trim();
                if (ownText) check(element, style, style.color, ownText);
                if (element.matches('input:not([type=hidden], [type=checkbox], [type=radio]), select, textarea')) {
                    if (element.value) check(element, style, style.color, element.value);
                    else if (element.placeholder) check(element, style, getComputedStyle(element, '::placeholder').color, 'placeholder ' + element.placeholder);
                }
            }
            return { measured, offenders };
        """;

    /// <summary>The focused element, its outline, and the outline's contrast against the background around the element.</summary>
    private const string FocusedScript = """
            const e = document.activeElement;
            const style = getComputedStyle(e);
            const outline = parseColour(style.outlineColor) || { r: 0, g: 0, b: 0, a: 0 };
            const around = backgroundOf(e.parentElement || e);
            return {
                element: describe(e),
                text: (e.getAttribute('aria-label') || e.textContent || e.value || '').replace(/\s+/g, ' ').trim().slice(0, 60),
                outlineStyle: style.outlineStyle,
                outlineWidth: parseFloat(style.outlineWidth) || 0,
                outlineContrast: ratio(over(outline, around), around),
            };
        """;
}
