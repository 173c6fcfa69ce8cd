using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorRisk.Silo.Hosting;

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
