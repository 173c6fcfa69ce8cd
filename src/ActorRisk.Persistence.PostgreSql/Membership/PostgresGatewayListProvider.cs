using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;

namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// The gateways of an Orleans client: the gateway endpoints of the cluster's Active silos in the membership table
/// (migration 007). A client only reads: it never migrates the database, which is the silos' to do.
/// </summary>
public sealed class PostgresGatewayListProvider(
    PostgresDatabases databases,
    IOptions<PostgresClusteringOptions> options,
    IOptions<ClusterOptions> cluster,
    IOptions<GatewayOptions> gateway) : IGatewayListProvider
{
    // PostgreSQL's SQLSTATE for a missing table: no silo of this database has started yet.
    private const string UndefinedTable = "42P01";

    private readonly PostgresDatabase database = Validated(databases, options);
    private readonly string clusterId = cluster.Value.ClusterId;

    public TimeSpan MaxStaleness => gateway.Value.GatewayListRefreshPeriod;

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    /// <summary>Active silos that accept clients (a proxy port), as gateway URIs; none before any silo has started.</summary>
    public async Task<IList<Uri>> GetGateways()
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT address, proxy_port, generation FROM orleans_membership WHERE cluster_id = $1 AND status = $2 AND proxy_port <> 0");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nameof(SiloStatus.Active) });
        var gateways = new List<Uri>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                gateways.Add(SiloAddress.New(reader.GetFieldValue<IPAddress>(0), reader.GetInt32(1), reader.GetInt32(2)).ToGatewayUri());
            }
        }
        catch (PostgresException exception) when (exception.SqlState == UndefinedTable)
        {
            return gateways;
        }

        return gateways;
    }

    private static PostgresDatabase Validated(PostgresDatabases databases, IOptions<PostgresClusteringOptions> options)
    {
        new PostgresClusteringOptionsValidator(options).ValidateConfiguration();
        return databases.Get(options.Value.ConnectionString);
    }
}
