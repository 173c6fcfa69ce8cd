using System.Diagnostics;
using ActorRisk.Backup;

namespace ActorRisk.Silo.Maintenance;

/// <summary><c>restore --from</c>: a verified set back into the tables; with <c>--overwrite</c> over tables that hold entities.</summary>
internal static class RestoreCommand
{
    public static async Task RunAsync(IConfiguration configuration, MaintenanceArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(arguments.From))
        {
            throw new UsageException("no set: --from <set location> names it, the directory or blob prefix a backup printed as its set (…/2026-12-06T020000Z).");
        }

        var tables = MaintenanceConfiguration.Tables(configuration);
        var set = new BackupLocation(arguments.From, MaintenanceConfiguration.BlobConnectionString(configuration)).ExistingSet();
        output.WriteLine($"Restore of {set.Location} into {tables.AccountName}{(arguments.Overwrite ? ", over what the tables hold" : "")}");
        var watch = Stopwatch.StartNew();
        var restored = await new TableRestore(tables).RunAsync(set, arguments.Overwrite, output, cancellationToken);
        output.WriteLine(FormattableString.Invariant(
            $"Done: {string.Join(", ", restored.Select(t => $"{t.Name} {t.Entities}"))} entities restored in {watch.Elapsed.TotalSeconds:0.0} s"));
    }
}
