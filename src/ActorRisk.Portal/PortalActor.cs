using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace ActorRisk.Portal;

/// <summary>
/// Who is acting on an interactive page, checked when they act: a circuit keeps its page for hours, and a button the
/// page hides can still be invoked, so an action asks again whether the user holds the policy, as the user is now.
/// </summary>
public sealed class PortalActor(IAuthorizationService authorization)
{
    /// <summary>The signed-in user's name when they hold <paramref name="policy"/>; otherwise null.</summary>
    public async Task<string?> NameIfAllowedAsync(Task<AuthenticationState>? state, string policy)
    {
        if (state is null)
        {
            return null;
        }

        var user = (await state).User;
        return user.Identity?.Name is { Length: > 0 } name && (await authorization.AuthorizeAsync(user, policy)).Succeeded ? name : null;
    }
}
