using ActorRisk.Api.Alerts;
using Microsoft.AspNetCore.Authentication;

namespace ActorRisk.Portal;

/// <summary>Sign-out: a form POST (antiforgery-checked) that ends the portal session and returns to the sign-in page.</summary>
internal static class PortalEndpoints
{
    public static void MapPortalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/logout", async (HttpContext http, IFormCollection form) =>
            {
                _ = form;
                await http.SignOutAsync(PortalAuth.Scheme);
                return Results.Redirect("/login");
            })
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = PortalAuth.Scheme })
            .ExcludeFromDescription();

        // The alert tables' "Acknowledge" buttons (operators): audited, then back to the page the button was on.
        app.MapPost("/portal/alerts/{alertId}/acknowledge", async (string alertId, HttpContext http, IFormCollection form, AlertOperations operations) =>
            {
                var reason = form["reason"].ToString().Trim();
                var actor = http.User.Identity?.Name ?? "unknown";
                await operations.AcknowledgeAsync(alertId, actor, reason.Length > 0 ? reason[..Math.Min(reason.Length, 500)] : "Acknowledged in the portal.", http.RequestAborted);
                var back = form["returnUrl"].ToString();
                return Results.LocalRedirect(back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) ? back : "/alerts");
            })
            .RequireAuthorization(PortalAuth.Policies.Operate)
            .ExcludeFromDescription();
    }
}
