using Azure.Data.Tables;
using Azure.Identity;

namespace ActorRisk.Silo.Hosting;

/// <summary>
/// Where this deployment keeps its data, read from configuration (<see cref="SiloOptions.Storage"/> and the keys below)
/// and checked at start with a message that says what to set.
/// </summary>
public sealed record StorageSettings(StorageMode Mode, string? GrainStoreConnectionString, string? ReadModelsConnectionString, TableServiceClient? Tables)
{
    public static readonly ConfigurationKey GrainStore = new("ConnectionStrings:ActorRisk", "string", null,
        "The grain store: an Npgsql connection string in postgres mode; an Azure Storage connection string in azure mode " +
        "(`UseDevelopmentStorage=true` for a local Azurite). Set alone, it selects postgres mode.");

    public static readonly ConfigurationKey ReadModels = new("ConnectionStrings:ReadModels", "string", null,
        "The PostgreSQL of the read models (merchant summaries, audit log, alert outbox, card directory, request routes, " +
        "portal cookie keys): the grain store's database in postgres mode unless set; **required** in azure mode.");

    public static readonly ConfigurationKey TableServiceUri = new("ActorRisk:Azure:TableServiceUri", "URI", null,
        "Azure mode without a connection string: the Table service URI, signed in with `DefaultAzureCredential` (a managed identity in Azure).");

    /// <summary>What to set when azure mode (or the backup and restore commands) finds neither Table source.</summary>
    public const string MissingTables =
        "Azure storage needs a connection string (ConnectionStrings:ActorRisk or --connection-string; UseDevelopmentStorage=true for Azurite) or ActorRisk:Azure:TableServiceUri with an identity DefaultAzureCredential can use.";

    public bool Durable => Mode != StorageMode.Memory;

    /// <summary>
    /// The Table service of azure mode: the connection string when set, else the service URI signed in with
    /// DefaultAzureCredential; null when neither is set. The silo and the backup and restore commands share it, so both
    /// read the same tables from the same keys.
    /// </summary>
    public static TableServiceClient? TablesFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var grainStore = configuration[GrainStore.Key];
        if (!string.IsNullOrEmpty(grainStore))
        {
            return new TableServiceClient(grainStore);
        }

        var serviceUri = configuration[TableServiceUri.Key];
        return string.IsNullOrEmpty(serviceUri) ? null : new TableServiceClient(new Uri(serviceUri), new DefaultAzureCredential());
    }

    public static StorageSettings From(IConfiguration configuration, string? storage)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var grainStore = configuration[GrainStore.Key];
        var readModels = configuration[ReadModels.Key];
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
                var tables = TablesFrom(configuration) ?? throw new InvalidOperationException(MissingTables);
                if (string.IsNullOrEmpty(readModels))
                {
                    throw new InvalidOperationException(
                        "Azure storage keeps the read models (merchant lists, audit log, alert outbox, card directory) in PostgreSQL: set ConnectionStrings:ReadModels (environment ConnectionStrings__ReadModels) or --read-models.");
                }

                return new(mode, null, readModels, tables);

            default:
                return new(mode, null, null, null);
        }
    }
}
