namespace ActorRisk.Persistence.PostgreSql;

/// <summary>Options of PostgreSQL clustering: the membership table of silos and the gateway list of clients.</summary>
public sealed class PostgresClusteringOptions
{
    /// <summary>Npgsql connection string. Never logged: it may hold a password.</summary>
    [Redact]
    public string ConnectionString { get; set; } = "";
}
