using Microsoft.Extensions.Options;

namespace ActorRisk.Persistence.PostgreSql;

/// <summary>Checks the reminder table's options when the silo starts.</summary>
public sealed class PostgresReminderTableOptionsValidator(IOptions<PostgresReminderTableOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.Value.ConnectionString))
        {
            throw new OrleansConfigurationException($"PostgreSQL reminder table: {nameof(PostgresReminderTableOptions.ConnectionString)} is not set.");
        }
    }
}
