using System.Diagnostics;
using ActorRisk.Backup;

namespace ActorRisk.Silo.Maintenance;

/// <summary><c>backup</c>: the Orleans tables into a new set under ActorRisk:Backup:Destination (<c>--to</c>).</summary>
internal static class BackupCommand
{
    public static async Task RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        var destination = configuration[MaintenanceSettings.BackupDestination.Key];
        if (string.IsNullOrWhiteSpace(destination))
        {
            throw new UsageException(
                "no destination: set --to <location> or ActorRisk:Backup:Destination (environment ActorRisk__Backup__Destination), " +
                "a blob container URI or a directory.");
        }

        var tables = MaintenanceConfiguration.Tables(configuration);
        var location = new BackupLocation(destination, MaintenanceConfiguration.BlobConnectionString(configuration));
        output.WriteLine($"Backup of {tables.AccountName} to {SecretText.Location(destination)}");
        var watch = Stopwatch.StartNew();
        var result = await new TableBackup(tables).RunAsync(location, output, cancellationToken);
        output.WriteLine($"Backup set: {result.Location}");
        output.WriteLine(FormattableString.Invariant(
            $"Done: {string.Join(", ", result.Manifest.Tables.Select(t => $"{t.Name} {t.Entities}"))} entities in {watch.Elapsed.TotalSeconds:0.0} s"));
    }
}
