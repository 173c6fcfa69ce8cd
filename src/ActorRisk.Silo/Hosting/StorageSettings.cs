using Azure.Data.Tables;
using Azure.Identity;

namespace ActorRisk.Silo.Hosting;

/// <summary>
/// Where this deployment keeps its data, read from configuration and checked at start with a message that says what to set:
/// <list type="bullet">
/// <item><c>ActorRisk:Storage</c> (<c>--storage</c>): memory (default), postgres or azure.</item>
/// <item><c>ConnectionStrings:ActorRisk</c> (<c>--connection-string</c>): the grain store of the mode: PostgreSQL in postgres
/// mode, Azure Storage in azure mode (<c>UseDevelopmentStorage=true</c> for a local Azurite).</item>
/// <item><c>ActorRisk:Azure:TableServiceUri</c>: azure mode without a connection string, signed in with DefaultAzureCredential
/// (a managed identity in Azure).</item>
/// <item><c>ConnectionStrings:ReadModels</c> (<c>--read-models</c>): the PostgreSQL of the read models (merchant lists, audit,
/// alert outbox, card directory, portal keys); the grain store's in postgres mode, required in azure mode.</item>
/// </list>
/// </summary>
public sealed record StorageSettings(StorageMode Mode, string? GrainStoreConnectionString, string? ReadModelsConnectionString, TableServiceClient? Tables)
{
    public const string ConnectionStringName = "ActorRisk";
    public const string ReadModelsConnectionStringName = "ReadModels";
    public const string TableServiceUriKey = "ActorRisk:Azure:TableServiceUri";

    public bool Durable => Mode != StorageMode.Memory;

    public static StorageSettings From(IConfiguration configuration, string? storage)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var grainStore = configuration.GetConnectionString(ConnectionStringName);
        var readModels = configuration.GetConnectionString(ReadModelsConnectionStringName);
        var mode = (storage ?? (string.IsNullOrEmpty(grainStore) ? "memory" : "postgres")).ToLowerInvariant() switch
        {
            "memory" => StorageMode.Memory,
            "postgres" => StorageMode.Postgres,
            "azure" => StorageMode.Azure,
            _ => throw new InvalidOperationException($"Unknown storage '{storage}': use memory, postgres or azure."),
        };

        switch (mode)
        {
            case StorageMode.Postgres:
                if (string.IsNullOrEmpty(grainStore))
                {
                    throw new InvalidOperationException("PostgreSQL storage needs a connection string: ConnectionStrings:ActorRisk (environment ConnectionStrings__ActorRisk) or --connection-string.");
                }

                return new(mode, grainStore, string.IsNullOrEmpty(readModels) ? grainStore : readModels, null);

            case StorageMode.Azure:
                var serviceUri = configuration[TableServiceUriKey];
                if (string.IsNullOrEmpty(grainStore) && string.IsNullOrEmpty(serviceUri))
                {
                    throw new InvalidOperationException(
                        "Azure storage needs a connection string (ConnectionStrings:ActorRisk or --connection-string; UseDevelopmentStorage=true for Azurite) or ActorRisk:Azure:TableServiceUri with an identity DefaultAzureCredential can use.");
                }

                if (string.IsNullOrEmpty(readModels))
                {
                    throw new InvalidOperationException(
                        "Azure storage keeps the read models (merchant lists, audit log, alert outbox, card directory) in PostgreSQL: set ConnectionStrings:ReadModels (environment ConnectionStrings__ReadModels) or --read-models.");
                }

                var tables = string.IsNullOrEmpty(grainStore)
                    ? new TableServiceClient(new Uri(serviceUri!), new DefaultAzureCredential())
                    : new TableServiceClient(grainStore);
                return new(mode, null, readModels, tables);

            default:
                return new(mode, null, null, null);
        }
    }
}
