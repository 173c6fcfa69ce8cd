using ActorRisk.Silo.Maintenance;

namespace ActorRisk.Silo.Tests.Backup;

/// <summary>What a maintenance command printed and returned.</summary>
public sealed record CommandRun(int ExitCode, string Output, string Error)
{
    public string Everything => Output + Error;

    public override string ToString() => $"exit {ExitCode}\n--- output\n{Output}--- error\n{Error}";
}

/// <summary>Runs <c>backup</c> and <c>restore</c> in process, as <c>dotnet ActorRisk.Silo.dll backup ...</c> would.</summary>
public static class Maintenance
{
    public static async Task<CommandRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await MaintenanceCommand.RunAsync(args, output, error, CancellationToken.None);
        return new(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed.</summary>
    public static async Task<CommandRun> SucceedAsync(params string[] args)
    {
        var run = await RunAsync(args);
        Assert.True(run.ExitCode == MaintenanceCommand.Done, $"{string.Join(' ', args.Take(1))}: {run}");
        return run;
    }

    /// <summary>The one set a backup made under <paramref name="directory"/>.</summary>
    public static string OnlySet(string directory) => Assert.Single(Directory.GetDirectories(directory));

    public static string NewDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "actorrisk-backup-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }
}
