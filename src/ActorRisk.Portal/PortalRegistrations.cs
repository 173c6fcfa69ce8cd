using ActorRisk.Api.Security;
using Microsoft.AspNetCore.Authentication;
using ActorRisk.Portal.Components;
using ActorRisk.ReadModels.DataProtection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor.Services;

namespace ActorRisk.Portal;

/// <summary>How a host adds the risk portal: <see cref="AddActorRiskPortal"/> for its services, <see cref="MapActorRiskPortal"/> for its pages.</summary>
public static class PortalRegistrations
{
    /// <summary>
    /// The portal: cookie sign-in (separate from the API's keys) and its policies, Razor components rendered on the
    /// server, and the live feed its pages read. It needs the API's services (portal users, operations) and the read models.
    /// </summary>
    /// <param name="sharedKeyRing">
    /// Whether the data-protection keys live in the read-model database (durable modes): one key ring for every silo,
    /// so a sign-in survives restarts and any silo reads it. Otherwise the keys live and die with the process (a restart
    /// signs everyone out), and no unencrypted key file is written.
    /// </param>
    /// <param name="keyProtection">
    /// With a shared key ring: the certificate that encrypts each key before it is stored. Without one the keys are
    /// stored in clear (ASP.NET Core warns "No XML encryptor configured" when it creates one).
    /// </param>
    public static IServiceCollection AddActorRiskPortal(this IServiceCollection services, bool sharedKeyRing, PortalKeyProtection? keyProtection = null)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("ActorRisk");
        if (sharedKeyRing)
        {
            dataProtection.PersistKeysToReadModels();
            if (keyProtection is not null)
            {
                dataProtection.ProtectKeysWithCertificate(keyProtection.Current);

                // Outside Windows the decryptor finds no certificate store to look the private key up in: it is given them here.
                dataProtection.UnprotectKeysWithAnyCertificate([keyProtection.Current, .. keyProtection.Previous]);
            }
        }
        else
        {
            dataProtection.UseEphemeralDataProtectionProvider();
        }

        services.AddAuthentication()
            .AddCookie(PortalAuth.Scheme, o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "actorrisk.portal";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = PortalAuth.ValidatePrincipalAsync;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalAuth.Policies.Read, p => p.AddAuthenticationSchemes(PortalAuth.Scheme).RequireRole(PortalRoleNames.Analyst, PortalRoleNames.Operator, PortalRoleNames.Admin))
            .AddPolicy(PortalAuth.Policies.Operate, p => p.AddAuthenticationSchemes(PortalAuth.Scheme).RequireRole(PortalRoleNames.Operator, PortalRoleNames.Admin))
            .AddPolicy(PortalAuth.Policies.Administer, p => p.AddAuthenticationSchemes(PortalAuth.Scheme).RequireRole(PortalRoleNames.Admin));
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, PortalAuthenticationStateProvider>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<PortalActor>();
        services.AddSingleton<ActorRisk.Portal.Cluster.ClusterStatistics>();
        services.AddSingleton<LiveFeed>();
        services.AddHostedService<LiveStreamBridge>();
        services.AddSingleton<DecisionStatistics>();
        services.AddHostedService(sp => sp.GetRequiredService<DecisionStatistics>());
        return services;
    }

    /// <summary>Maps the portal's pages, their circuits, and its sign-in and sign-out (after authentication, authorization and antiforgery).</summary>
    public static IEndpointRouteBuilder MapActorRiskPortal(this WebApplication app)
    {
        // The circuit's hub (/_blazor) carries no page's [Authorize], whose policies name the portal's scheme, so nothing
        // would read the portal cookie for it and every circuit would start signed out. Each page still authorizes.
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal),
            branch => branch.Use(async (http, next) =>
            {
                var result = await http.AuthenticateAsync(PortalAuth.Scheme);
                if (result.Succeeded)
                {
                    http.User = result.Principal;
                }

                await next(http);
            }));
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapPortalEndpoints();
        return app;
    }
}
