using Microsoft.AspNetCore.Authentication;

namespace ActorRisk.Silo.Portal;

/// <summary>Sign-out: a form POST (antiforgery-checked) that ends the portal session and returns to the sign-in page.</summary>
internal static class PortalEndpoints
{
    public static void MapPortalEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/logout", async (HttpContext http, IFormCollection form) =>
            {
                _ = form;
                await http.SignOutAsync(PortalAuth.Scheme);
                return Results.Redirect("/login");
            })
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = PortalAuth.Scheme })
            .ExcludeFromDescription();
}
