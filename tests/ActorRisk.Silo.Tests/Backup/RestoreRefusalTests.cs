using ActorRisk.Backup.Tests.Support;
using ActorRisk.Backup;
using ActorRisk.Silo.Maintenance;

namespace ActorRisk.Silo.Tests.Backup;

/// <summary>
/// A restore that must not go on exits 1 and writes nothing: a target that holds entities (without --overwrite), a
/// directory that is no finished set, a set with a damaged file.
/// </summary>
public sealed class RestoreRefusalTests
{
    [Fact]
    public async Task ATargetThatHoldsEntitiesIsRefusedWithoutOverwrite()
    {
        var set = await BackedUpSetAsync();
        var target = await OrleansTableAccount.StartAsync();
        await OrleansTableAccount.FillAsync(target.GrainState, Rows.GrainStates(5, 2, prefix: "already-there"));
        var before = await target.ContentsAsync();

        var run = await Maintenance.RunAsync("restore", "--from", set, "--connection-string", target.ConnectionString);

        Assert.Equal(MaintenanceCommand.Failed, run.ExitCode);
        Assert.Contains("--overwrite", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was restored", run.Error, StringComparison.Ordinal);
        var after = await target.ContentsAsync();
        Assert.Equal(before.GrainState, after.GrainState);
        Assert.Empty(after.Reminders);
    }

    [Fact]
    public async Task ADirectoryWithoutAManifestIsRefused()
    {
        var set = await BackedUpSetAsync();
        File.Delete(Path.Combine(set, BackupFormat.ManifestName));
        var target = await OrleansTableAccount.StartAsync();

        var run = await Maintenance.RunAsync("restore", "--from", set, "--connection-string", target.ConnectionString);

        Assert.Equal(MaintenanceCommand.Failed, run.ExitCode);
        Assert.Contains(BackupFormat.ManifestName, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        await AssertEmptyAsync(target);
    }

    [Fact]
    public async Task ASetWithAFlippedByteIsRefusedBeforeAnythingIsWritten()
    {
        var set = await BackedUpSetAsync();

        // The reminders file is checked after the grain state's: a restore that wrote as it checked would write the grain state.
        var file = Path.Combine(set, BackupFormat.FileName(BackupFormat.Tables[1]));
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(file, bytes);
        var target = await OrleansTableAccount.StartAsync();

        var run = await Maintenance.RunAsync("restore", "--from", set, "--connection-string", target.ConnectionString);

        Assert.Equal(MaintenanceCommand.Failed, run.ExitCode);
        Assert.Contains(BackupFormat.FileName(BackupFormat.Tables[1]), run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        await AssertEmptyAsync(target);
    }

    private static async Task AssertEmptyAsync(OrleansTableAccount target)
    {
        var contents = await target.ContentsAsync();
        Assert.Empty(contents.GrainState);
        Assert.Empty(contents.Reminders);
    }

    // A finished set of 300 grain states and 10 reminders, made by the command from an account of its own.
    private static async Task<string> BackedUpSetAsync()
    {
        var source = await OrleansTableAccount.StartAsync();
        await OrleansTableAccount.FillAsync(source.GrainState, Rows.GrainStates(300, 7));
        await OrleansTableAccount.FillAsync(source.Reminders, Rows.Reminders(10));
        var directory = Maintenance.NewDirectory();
        await Maintenance.SucceedAsync("backup", "--to", directory, "--connection-string", source.ConnectionString);
        return Maintenance.OnlySet(directory);
    }
}
