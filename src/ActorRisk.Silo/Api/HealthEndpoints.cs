using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorRisk.Silo.Api;

internal static class HealthEndpoints
{
    /// <summary>/health/live: the process answers. /health/ready: its storage answers too.</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
    }
}

/// <summary>Ready when the storage can be reached (PostgreSQL: a round trip; memory: always).</summary>
internal sealed class StorageHealthCheck(Func<CancellationToken, Task> probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await probe(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Storage is not reachable.", exception);
        }
    }
}
