namespace ActorRisk.Silo.Maintenance;

/// <summary>What <c>backup --help</c> and <c>restore --help</c> print, and the short form after a usage error.</summary>
internal static class MaintenanceUsage
{
    public const string Short = """
        Usage: dotnet ActorRisk.Silo.dll backup [--to <location>] [options]
               dotnet ActorRisk.Silo.dll restore --from <set location> [--overwrite] [options]
        --help lists the options.
        """;

    public const string Full = """
        Usage: dotnet ActorRisk.Silo.dll backup [--to <location>] [options]
               dotnet ActorRisk.Silo.dll restore --from <set location> [--overwrite] [options]

        backup   copies the Orleans tables (OrleansGrainState, OrleansReminders) into a new set under <location>,
                 named by its UTC start time (2026-12-06T020000Z); its manifest is written last.
        restore  checks the set (manifest, every file's SHA-256 and count), then writes it into the tables. Refuses
                 tables that hold entities unless --overwrite. Stop the silos first.

        <location>  a directory, or a blob container URI https://<account>.blob.core.windows.net/<container>[/<path>]
                    signed in with DefaultAzureCredential (AZURE_CLIENT_ID picks a user-assigned identity)

        Options (configuration keys as for the silo: appsettings.json, environment, command line):
          --to <location>                 ActorRisk:Backup:Destination (backup)
          --from <set location>           ActorRisk:Restore:From, the set a backup printed (restore)
          --overwrite                     ActorRisk:Restore:Overwrite=true: upsert over tables that hold entities;
                                          entities not in the set stay (restore)
          --connection-string <value>     ConnectionStrings:ActorRisk, the tables' Azure Storage connection string
                                          (UseDevelopmentStorage=true for Azurite); or set ActorRisk:Azure:TableServiceUri
          --blob-connection-string <value>
                                          ActorRisk:Backup:BlobConnectionString: reach the container with an account key
          --<Section>:<Key> <value>       any other configuration key
          --verbose                       the whole exception when it fails
          --help                          this text

        Exit codes: 0 done, 1 failed, 2 usage or configuration error, 130 cancelled (Ctrl+C, SIGTERM).
        """;
}
