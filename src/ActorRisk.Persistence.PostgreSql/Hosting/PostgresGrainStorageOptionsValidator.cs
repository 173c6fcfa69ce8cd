namespace ActorRisk.Persistence.PostgreSql;

/// <summary>Checks a storage's options when the silo starts; messages never repeat the connection string.</summary>
public sealed class PostgresGrainStorageOptionsValidator(PostgresGrainStorageOptions options, string name) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var prefix = $"PostgreSQL grain storage '{name}':";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new OrleansConfigurationException($"{prefix} {nameof(PostgresGrainStorageOptions.ConnectionString)} is not set.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException exception)
        {
            // Npgsql's message names the bad keyword, not the values.
            throw new OrleansConfigurationException($"{prefix} {nameof(PostgresGrainStorageOptions.ConnectionString)} is not a valid Npgsql connection string ({exception.Message}).");
        }

        if (options.MaxBatchSize < 1)
        {
            throw new OrleansConfigurationException($"{prefix} {nameof(PostgresGrainStorageOptions.MaxBatchSize)} must be at least 1.");
        }

        if (options.MaxConcurrentBatches < 1)
        {
            throw new OrleansConfigurationException($"{prefix} {nameof(PostgresGrainStorageOptions.MaxConcurrentBatches)} must be at least 1.");
        }
    }
}
