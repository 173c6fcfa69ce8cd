using ActorRisk.Backup.Tests.Support;
using ActorRisk.Backup;
using ActorRisk.Silo.Maintenance;

namespace ActorRisk.Silo.Tests.Backup;

/// <summary>A cancelled backup (Ctrl+C, SIGTERM) exits 130 and leaves a set without a manifest, which restore refuses.</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task ACancelledBackupLeavesNoSetThatRestoreWouldTake()
    {
        var source = await OrleansTableAccount.StartAsync();
        await OrleansTableAccount.FillAsync(source.GrainState, Rows.GrainStates(100, 3));
        var directory = Maintenance.NewDirectory();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MaintenanceCommand.RunAsync(["backup", "--to", directory, "--connection-string", source.ConnectionString], output, error, cancel.Token);

        Assert.Equal(MaintenanceCommand.Cancelled, exitCode);
        Assert.Contains("cancelled", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory, BackupFormat.ManifestName, SearchOption.AllDirectories));
        foreach (var set in Directory.GetDirectories(directory))
        {
            var restore = await Maintenance.RunAsync("restore", "--from", set, "--connection-string", (await OrleansTableAccount.StartAsync()).ConnectionString);
            Assert.Equal(MaintenanceCommand.Failed, restore.ExitCode);
        }
    }
}
