using System.Diagnostics;
using ActorRisk.Backup;

namespace ActorRisk.Silo.Maintenance;

/// <summary><c>restore --from</c>: a verified set back into the tables; with <c>--overwrite</c> over tables that hold entities.</summary>
internal static class RestoreCommand
{
    public static async Task RunAsync(IConfiguration configuration, MaintenanceArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        // A job in Azure cannot pass "--" options through the Azure CLI: it is given the set as settings.
        var from = string.IsNullOrWhiteSpace(arguments.From) ? configuration[MaintenanceSettings.RestoreFrom.Key] : arguments.From;
        if (string.IsNullOrWhiteSpace(from))
        {
            throw new UsageException(
                "no set: --from <set location> (or ActorRisk:Restore:From, environment ActorRisk__Restore__From) names it, the directory or blob prefix a backup printed as its set (…/2026-12-06T020000Z).");
        }

        var overwrite = arguments.Overwrite || Overwrite(configuration);

        var tables = MaintenanceConfiguration.Tables(configuration);
        var set = new BackupLocation(from, MaintenanceConfiguration.BlobConnectionString(configuration)).ExistingSet();
        output.WriteLine($"Restore of {set.Location} into {tables.AccountName}{(overwrite ? ", over what the tables hold" : "")}");
        var watch = Stopwatch.StartNew();
        var restored = await new TableRestore(tables).RunAsync(set, overwrite, output, cancellationToken);
        output.WriteLine(FormattableString.Invariant(
            $"Done: {string.Join(", ", restored.Select(t => $"{t.Name} {t.Entities}"))} entities restored in {watch.Elapsed.TotalSeconds:0.0} s"));
    }

    private static bool Overwrite(IConfiguration configuration)
    {
        var value = configuration[MaintenanceSettings.RestoreOverwrite.Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        return bool.TryParse(value, out var overwrite)
            ? overwrite
            : throw new UsageException("ActorRisk:Restore:Overwrite is true or false.");
    }
}
