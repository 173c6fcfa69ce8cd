namespace ActorRisk.Persistence.PostgreSql;

/// <summary>Options of the PostgreSQL reminder table.</summary>
public sealed class PostgresReminderTableOptions
{
    /// <summary>Npgsql connection string. Never logged: it may hold a password.</summary>
    [Redact]
    public string ConnectionString { get; set; } = "";
}
