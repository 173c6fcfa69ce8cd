using ActorRisk.Silo.Maintenance;

namespace ActorRisk.Silo.Tests.Backup;

/// <summary>What the commands say about their own command line: usage errors exit 2 and name what to set.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void OnlyBackupAndRestoreAsTheFirstArgumentAreCommands()
    {
        Assert.True(MaintenanceCommand.Handles(["backup"]));
        Assert.True(MaintenanceCommand.Handles(["restore", "--from", "x"]));
        Assert.False(MaintenanceCommand.Handles([]));
        Assert.False(MaintenanceCommand.Handles(["--storage", "azure"]));
        Assert.False(MaintenanceCommand.Handles(["--connection-string", "backup"]));
    }

    [Fact]
    public async Task BackupWithoutADestinationNamesTheKeyToSet()
    {
        var run = await Maintenance.RunAsync("backup", "--connection-string", "UseDevelopmentStorage=true");

        Assert.Equal(MaintenanceCommand.UsageError, run.ExitCode);
        Assert.Contains("ActorRisk:Backup:Destination", run.Error, StringComparison.Ordinal);
        Assert.Contains("--to", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task BackupWithoutATableSourceNamesTheKeysToSet()
    {
        var run = await Maintenance.RunAsync("backup", "--to", Maintenance.NewDirectory());

        Assert.Equal(MaintenanceCommand.UsageError, run.ExitCode);
        Assert.Contains("ConnectionStrings:ActorRisk", run.Error, StringComparison.Ordinal);
        Assert.Contains("ActorRisk:Azure:TableServiceUri", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoreWithoutASetOrATableSourceNamesWhatToSet()
    {
        var noSet = await Maintenance.RunAsync("restore", "--connection-string", "UseDevelopmentStorage=true");
        var noSource = await Maintenance.RunAsync("restore", "--from", Maintenance.NewDirectory());

        Assert.Equal(MaintenanceCommand.UsageError, noSet.ExitCode);
        Assert.Contains("--from", noSet.Error, StringComparison.Ordinal);
        Assert.Equal(MaintenanceCommand.UsageError, noSource.ExitCode);
        Assert.Contains("ConnectionStrings:ActorRisk", noSource.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backup", "--frobnicate")]
    [InlineData("backup", "--overwrite")]
    [InlineData("restore", "--to", "/tmp")]
    [InlineData("backup", "stray")]
    [InlineData("restore", "--from")]
    public async Task AnUnknownOrMisplacedOptionIsAUsageError(params string[] args)
    {
        var run = await Maintenance.RunAsync(args);

        Assert.Equal(MaintenanceCommand.UsageError, run.ExitCode);
        Assert.Contains("Usage: dotnet ActorRisk.Silo.dll backup", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task AStorageModeOtherThanAzureIsRefused()
    {
        var run = await Maintenance.RunAsync("backup", "--to", Maintenance.NewDirectory(), "--storage", "postgres", "--connection-string", "Host=127.0.0.1");

        Assert.Equal(MaintenanceCommand.UsageError, run.ExitCode);
        Assert.Contains("ActorRisk:Storage is postgres", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANonStorageConnectionStringIsAUsageErrorThatDoesNotEchoIt()
    {
        var run = await Maintenance.RunAsync("backup", "--to", Maintenance.NewDirectory(), "--connection-string", "Host=db;Password=hunter2-secret");

        Assert.Equal(MaintenanceCommand.UsageError, run.ExitCode);
        Assert.Contains("ConnectionStrings:ActorRisk", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", run.Everything, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backup", "--help")]
    [InlineData("restore", "-h")]
    public async Task HelpListsTheOptionsAndExitCodes(params string[] args)
    {
        var run = await Maintenance.RunAsync(args);

        Assert.Equal(MaintenanceCommand.Done, run.ExitCode);
        Assert.Contains("--blob-connection-string", run.Output, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 done, 1 failed, 2 usage", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }
}
