using System.Security.Claims;
using System.Text.Encodings.Web;
using ActorRisk.Api.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api.Security;

/// <summary>Authenticates API calls by the X-Api-Key header; answers 401/403 as problem+json.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    ApiMetrics metrics,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(values[0]!) is not { } identity)
        {
            metrics.ApiKeyRejected(MetricNames.UnknownKey);
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, identity.Name) };
        claims.AddRange(identity.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // An unknown key was counted when it was looked up; this is a request that came without one.
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            metrics.ApiKeyRejected(MetricNames.MissingKey);
        }

        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required", $"Send a valid API key in the {Header} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        metrics.ApiKeyRejected(MetricNames.MissingRole);
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This API key does not have the role this operation needs.");
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" },
        });
    }
}
