using System.Security.Claims;
using ActorRisk.Api.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace ActorRisk.Portal;

/// <summary>
/// An interactive page keeps the sign-in it was opened with for as long as its circuit lives, so the circuit checks
/// it again every <see cref="RevalidationInterval"/>: a user an administrator disabled, or whose password was reset,
/// loses the page within that time, as a plain request loses it at once (<see cref="PortalAuth.ValidatePrincipalAsync"/>).
/// </summary>
internal sealed class PortalAuthenticationStateProvider(ILoggerFactory loggers, PortalUsers users) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        var stamp = user.FindFirst(PortalAuth.StampClaim)?.Value;
        return Task.FromResult(user.Identity?.Name is { Length: > 0 } name && users.Active(name, stamp) is not null);
    }
}
