using ActorRisk.Silo.Hosting;

namespace ActorRisk.Silo.Maintenance;

/// <summary>The keys only the backup and restore commands read; the Table source is the silo's own (<see cref="StorageSettings"/>).</summary>
public static class MaintenanceSettings
{
    public static readonly ConfigurationKey BackupDestination = new("ActorRisk:Backup:Destination", "string", null,
        "Where `backup` writes a new set (`--to`): a blob container URI `https://<account>.blob.core.windows.net/<container>[/<path>]`, " +
        "signed in with `DefaultAzureCredential` (`AZURE_CLIENT_ID` picks a user-assigned identity), or a local directory ([backup](backup.md)).");

    public static readonly ConfigurationKey BackupBlobConnectionString = new("ActorRisk:Backup:BlobConnectionString", "string", null,
        "`backup` and `restore` (`--blob-connection-string`): reach the blob container with this connection string (an account key, " +
        "Azurite's `UseDevelopmentStorage=true`) instead of `DefaultAzureCredential`. A secret: never logged or shown.");

    public static readonly ConfigurationKey RestoreFrom = new("ActorRisk:Restore:From", "string", null,
        "The set `restore` reads (`--from`), as a backup printed it: a directory or a blob prefix (`…/2026-12-06T020000Z`). " +
        "A setting so that a Container Apps job can be given it ([operations](operations.md#restoring-the-table-storage)).");

    public static readonly ConfigurationKey RestoreOverwrite = new("ActorRisk:Restore:Overwrite", "bool", "false",
        "`restore` writes over tables that hold entities (`--overwrite`): the set's entities replace theirs, others stay.");

    /// <summary>The command line's short forms: the silo's, and the commands' own.</summary>
    internal static IReadOnlyDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(SiloApplication.SwitchMappings, StringComparer.Ordinal)
    {
        ["--to"] = BackupDestination.Key,
        ["--blob-connection-string"] = BackupBlobConnectionString.Key,
    };
}
