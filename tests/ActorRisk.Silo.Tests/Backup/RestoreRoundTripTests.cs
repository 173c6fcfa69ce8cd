using ActorRisk.Backup.Tests.Support;
using ActorRisk.Backup;
using ActorRisk.Silo.Maintenance;

namespace ActorRisk.Silo.Tests.Backup;

/// <summary>Backup then restore through the command, into an empty account: the same entities, property by property.</summary>
public sealed class RestoreRoundTripTests
{
    [Fact]
    public async Task RestoringTheSameSetTwiceWithOverwriteLeavesTheSameEntities()
    {
        var source = await OrleansTableAccount.StartAsync();
        await OrleansTableAccount.FillAsync(source.GrainState, Rows.GrainStates(250, 5).Append(Rows.EveryType("service_every", "type")));
        await OrleansTableAccount.FillAsync(source.Reminders, Rows.Reminders(12));
        var expected = await source.ContentsAsync();
        var directory = Maintenance.NewDirectory();
        await Maintenance.SucceedAsync("backup", "--to", directory, "--connection-string", source.ConnectionString);
        var set = Maintenance.OnlySet(directory);
        var target = await OrleansTableAccount.StartAsync();

        await Maintenance.SucceedAsync("restore", "--from", set, "--connection-string", target.ConnectionString);
        var once = await target.ContentsAsync();
        var again = await Maintenance.SucceedAsync("restore", "--from", set, "--connection-string", target.ConnectionString, "--overwrite");
        var twice = await target.ContentsAsync();

        Assert.Equal(251, expected.GrainState.Count);
        Assert.Equal(12, expected.Reminders.Count);
        Assert.Equal(expected.GrainState, once.GrainState);
        Assert.Equal(expected.Reminders, once.Reminders);
        Assert.Equal(expected.GrainState, twice.GrainState);
        Assert.Equal(expected.Reminders, twice.Reminders);
        Assert.Contains("OrleansGrainState 251, OrleansReminders 12 entities restored", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreEntitiesThanAPageAreBackedUpAndRestoredExactly()
    {
        const int Count = 2_500;
        var source = await OrleansTableAccount.StartAsync();
        await OrleansTableAccount.FillAsync(source.GrainState, Rows.GrainStates(Count, 9));
        var expected = await source.ContentsAsync();
        var directory = Maintenance.NewDirectory();

        var backup = await Maintenance.SucceedAsync("backup", "--to", directory, "--connection-string", source.ConnectionString);
        var set = Maintenance.OnlySet(directory);
        var manifest = await File.ReadAllTextAsync(Path.Combine(set, BackupFormat.ManifestName));
        var target = await OrleansTableAccount.StartAsync();
        await Maintenance.SucceedAsync("restore", "--from", set, "--connection-string", target.ConnectionString);
        var restored = await target.ContentsAsync();

        Assert.Equal(Count, expected.GrainState.Count);
        Assert.Contains($"\"entities\": {Count}", manifest, StringComparison.Ordinal);
        Assert.Contains($"OrleansGrainState {Count}, OrleansReminders 0 entities", backup.Output, StringComparison.Ordinal);
        Assert.Contains($"Backup set: {set}", backup.Output, StringComparison.Ordinal);
        Assert.Equal(expected.GrainState, restored.GrainState);
        Assert.Empty(restored.Reminders);
    }

    [Fact]
    public async Task TheSetAndOverwriteCanBeSettingsAsTheRestoreJobInAzureIsGivenThem()
    {
        var source = await OrleansTableAccount.StartAsync();
        await OrleansTableAccount.FillAsync(source.GrainState, Rows.GrainStates(40, 3));
        var expected = await source.ContentsAsync();
        var directory = Maintenance.NewDirectory();
        await Maintenance.SucceedAsync("backup", "--to", directory, "--connection-string", source.ConnectionString);
        var set = Maintenance.OnlySet(directory);
        var target = await OrleansTableAccount.StartAsync();

        // Settings on the command line stand for the job's environment (ActorRisk__Restore__From): the same configuration key.
        await Maintenance.SucceedAsync("restore", "--ActorRisk:Restore:From", set, "--connection-string", target.ConnectionString);
        var refused = await Maintenance.RunAsync("restore", "--ActorRisk:Restore:From", set, "--ActorRisk:Restore:Overwrite", "false", "--connection-string", target.ConnectionString);
        var overwritten = await Maintenance.RunAsync("restore", "--ActorRisk:Restore:From", set, "--ActorRisk:Restore:Overwrite", "true", "--connection-string", target.ConnectionString);
        var unclear = await Maintenance.RunAsync("restore", "--ActorRisk:Restore:From", set, "--ActorRisk:Restore:Overwrite", "yes", "--connection-string", target.ConnectionString);

        Assert.Equal(expected.GrainState, (await target.ContentsAsync()).GrainState);
        Assert.Equal(MaintenanceCommand.Failed, refused.ExitCode);
        Assert.Contains("--overwrite", refused.Error, StringComparison.Ordinal);
        Assert.Equal(MaintenanceCommand.Done, overwritten.ExitCode);
        Assert.Contains("over what the tables hold", overwritten.Output, StringComparison.Ordinal);
        Assert.Equal(MaintenanceCommand.UsageError, unclear.ExitCode);
        Assert.Contains("ActorRisk:Restore:Overwrite", unclear.Error, StringComparison.Ordinal);
    }
}
