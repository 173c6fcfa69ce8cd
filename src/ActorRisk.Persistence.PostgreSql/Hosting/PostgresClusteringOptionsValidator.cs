using Microsoft.Extensions.Options;

namespace ActorRisk.Persistence.PostgreSql;

/// <summary>Checks the clustering options when a silo or a client starts.</summary>
public sealed class PostgresClusteringOptionsValidator(IOptions<PostgresClusteringOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.Value.ConnectionString))
        {
            throw new OrleansConfigurationException(
                $"PostgreSQL clustering: {nameof(PostgresClusteringOptions)}.{nameof(PostgresClusteringOptions.ConnectionString)} is not set.");
        }
    }
}
