using System.Security.Claims;
using ActorRisk.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ActorRisk.Portal;

/// <summary>The portal's cookie sign-in and policies (separate from the API's keys); its roles are <see cref="PortalRoleNames"/>.</summary>
public static class PortalAuth
{
    public const string Scheme = "Portal";

    /// <summary>The claim that ties a cookie to the password it was issued under (see <see cref="PortalUsers.StampOf"/>).</summary>
    public const string StampClaim = "actorrisk:session-stamp";

    /// <summary>Policy names for [Authorize(Policy = ...)] on portal pages.</summary>
    public static class Policies
    {
        public const string Read = "portal-read";
        public const string Operate = "portal-operate";
        public const string Administer = "portal-administer";
    }

    /// <summary>The principal a portal cookie carries: name, roles and session stamp.</summary>
    public static ClaimsPrincipal Principal(PortalUser user, string? stamp)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user.UserName) };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (stamp is not null)
        {
            claims.Add(new Claim(StampClaim, stamp));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>
    /// Checks a cookie on every request against the users as they are now: a disabled user, or one whose password an
    /// administrator reset, is signed out at once; changed roles replace the cookie's, so they apply to this request.
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var users = context.HttpContext.RequestServices.GetRequiredService<PortalUsers>();
        var principal = context.Principal;
        var stamp = principal?.FindFirst(StampClaim)?.Value;
        if (principal?.Identity?.Name is not { Length: > 0 } name || users.Active(name, stamp) is not { } user)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal);
        if (!roles.SequenceEqual(user.Roles.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            context.ReplacePrincipal(Principal(user, stamp));
            context.ShouldRenew = true;
        }
    }
}
