namespace ActorRisk.Api.Endpoints;

internal static class HealthEndpoints
{
    /// <summary>/health/live: the process answers. /health/ready: its storage answers too.</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
    }
}
