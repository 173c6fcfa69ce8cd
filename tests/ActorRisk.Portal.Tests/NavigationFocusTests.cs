namespace ActorRisk.Portal.Tests;

/// <summary>
/// Where keyboard focus goes when the address changes over a circuit: to the new page's heading after following a
/// link to another page, and nowhere when only the query changes (a filter applied), so the user keeps their place.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class NavigationFocusTests(BrowserFixture browser) : PortalTest(browser)
{
    [Fact]
    public async Task FollowingANavigationLinkMovesFocusToTheNewPagesHeadingWithoutAReload()
    {
        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/");
        var loads = 0;
        Page.Load += (_, _) => loads++;

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main", Exact = true }).GetByRole(AriaRole.Link, new() { Name = "Audit log", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(Url("/audit"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1, Exact = true })).ToBeFocusedAsync();
        Assert.Equal(0, loads);
    }

    [Fact]
    public async Task ApplyingAFilterKeepsFocusWhereItWas()
    {
        await SignInAsync(PortalSilo.Analyst);
        await GotoInteractiveAsync("/audit");
        var action = Page.GetByLabel("Action", new() { Exact = true });
        await action.FillAsync("card.unblock");
        await action.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(Url("/audit?action=card.unblock"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1, Exact = true })).Not.ToBeFocusedAsync();
        await Expect(action).ToBeFocusedAsync();
    }
}
