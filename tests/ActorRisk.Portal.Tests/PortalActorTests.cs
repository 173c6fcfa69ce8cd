using ActorRisk.Api.Access;
using ActorRisk.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Portal.Tests;

/// <summary>
/// An interactive page's action asks whether the user holds the policy as the portal's users are now, not as the
/// circuit's sign-in had them: roles taken away, a disabled user and a reset password refuse the action at once.
/// </summary>
public sealed class PortalActorTests : IAsyncLifetime
{
    private const string Password = "night-shift-passphrase";
    private PortalSilo? silo;

    private PortalSilo Silo => silo ?? throw new InvalidOperationException("The test has not started.");

    private AccessOperations Access => Silo.Services.GetRequiredService<AccessOperations>();

    private PortalUsers Users => Silo.Services.GetRequiredService<PortalUsers>();

    public async Task InitializeAsync() => silo = await PortalSilo.StartAsync();

    [Fact]
    public async Task ARoleTakenAwayRefusesTheActionThoughTheSignInStillCarriesIt()
    {
        var signedIn = await ManagedUserAsync("nadia", PortalRoleNames.Operator);
        Assert.Equal("nadia", await Actor().NameIfAllowedAsync(signedIn, PortalAuth.Policies.Operate));
        Assert.Null(await Actor().NameIfAllowedAsync(signedIn, PortalAuth.Policies.Administer));

        Assert.True((await Access.SetRolesAsync("nadia", [PortalRoleNames.Analyst], "moved to analysis", "admin")).Succeeded);
        Assert.Null(await Actor().NameIfAllowedAsync(signedIn, PortalAuth.Policies.Operate));
        Assert.Equal("nadia", await Actor().NameIfAllowedAsync(signedIn, PortalAuth.Policies.Read));
    }

    [Fact]
    public async Task ARoleGivenCountsAtOnce()
    {
        var signedIn = await ManagedUserAsync("omar", PortalRoleNames.Analyst);
        Assert.Null(await Actor().NameIfAllowedAsync(signedIn, PortalAuth.Policies.Operate));

        Assert.True((await Access.SetRolesAsync("omar", [PortalRoleNames.Operator], "night shift", "admin")).Succeeded);
        Assert.Equal("omar", await Actor().NameIfAllowedAsync(signedIn, PortalAuth.Policies.Operate));
    }

    [Fact]
    public async Task ADisabledUserOrAResetPasswordRefusesEveryAction()
    {
        var disabled = await ManagedUserAsync("pia", PortalRoleNames.Admin);
        var reset = await ManagedUserAsync("quinn", PortalRoleNames.Admin);

        Assert.True((await Access.SetDisabledAsync("pia", disabled: true, "badge returned", "admin")).Succeeded);
        Assert.True((await Access.ResetPasswordAsync("quinn", "another-passphrase-9", "another-passphrase-9", "forgotten", "admin")).Succeeded);

        Assert.Null(await Actor().NameIfAllowedAsync(disabled, PortalAuth.Policies.Read));
        Assert.Null(await Actor().NameIfAllowedAsync(reset, PortalAuth.Policies.Read));
    }

    [Fact]
    public async Task NoSignInAnUnknownUserOrAForgedStampIsRefused()
    {
        Assert.Null(await Actor().NameIfAllowedAsync(null, PortalAuth.Policies.Read));
        Assert.Null(await Actor().NameIfAllowedAsync(State(new PortalUser("nobody", [PortalRoleNames.Admin]), "configuration"), PortalAuth.Policies.Read));
        Assert.Null(await Actor().NameIfAllowedAsync(State(new PortalUser(PortalSilo.Admin.UserName, [PortalRoleNames.Admin]), "forged"), PortalAuth.Policies.Read));
        Assert.Null(await Actor().NameIfAllowedAsync(Task.FromResult(new AuthenticationState(new())), PortalAuth.Policies.Read));

        var admin = State(new PortalUser(PortalSilo.Admin.UserName, [PortalRoleNames.Admin]), Users.StampOf(PortalSilo.Admin.UserName));
        Assert.Equal(PortalSilo.Admin.UserName, await Actor().NameIfAllowedAsync(admin, PortalAuth.Policies.Administer));
    }

    private async Task<Task<AuthenticationState>> ManagedUserAsync(string name, string role)
    {
        Assert.True((await Access.CreateUserAsync(name, [role], Password, Password, "test user", "admin")).Succeeded);
        return State(new PortalUser(name, [role]), Users.StampOf(name));
    }

    private static Task<AuthenticationState> State(PortalUser user, string? stamp) =>
        Task.FromResult(new AuthenticationState(PortalAuth.Principal(user, stamp)));

    private PortalActor Actor() => new(Silo.Services.GetRequiredService<IAuthorizationService>(), Users);

    public async Task DisposeAsync()
    {
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }
}
