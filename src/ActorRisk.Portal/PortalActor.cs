using ActorRisk.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace ActorRisk.Portal;

/// <summary>
/// Who is acting on an interactive page, checked when they act: a circuit keeps the sign-in it was opened with for
/// hours, and a button the page hides can still be invoked, so an action asks again whether the user, as the portal's
/// users are now, holds the policy. Roles an administrator took away, a disabled user and a reset password all count
/// at once, as they do for a plain request (<see cref="PortalAuth.ValidatePrincipalAsync"/>).
/// </summary>
public sealed class PortalActor(IAuthorizationService authorization, PortalUsers users)
{
    /// <summary>The signed-in user's name when they hold <paramref name="policy"/> now; otherwise null.</summary>
    public async Task<string?> NameIfAllowedAsync(Task<AuthenticationState>? state, string policy)
    {
        if (state is null)
        {
            return null;
        }

        var signedIn = (await state).User;
        var stamp = signedIn.FindFirst(PortalAuth.StampClaim)?.Value;
        if (signedIn.Identity?.Name is not { Length: > 0 } name || users.Active(name, stamp) is not { } current)
        {
            return null;
        }

        return (await authorization.AuthorizeAsync(PortalAuth.Principal(current, stamp), policy)).Succeeded ? current.UserName : null;
    }
}
