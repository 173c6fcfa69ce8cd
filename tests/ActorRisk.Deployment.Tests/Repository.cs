using System.Diagnostics;
using System.Reflection;

namespace ActorRisk.Deployment.Tests;

/// <summary>Where the repository and the bicep binary are, as the build recorded them, and a way to run a tool there.</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string Infra => Path.Combine(Root, "infra");

    public static string File(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>The bicep binary of the Azure.Bicep.CommandLine.linux-x64 package (tools/bicep), executable.</summary>
    public static string Bicep { get; } = ExecutableBicep();

    /// <summary>Runs <paramref name="program"/>; <paramref name="environment"/> sets variables, or removes those whose value is null.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline and quiet: no telemetry or update checks from the SDK or bicep.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} ran longer than {timeout}.");
        }

        return (process.ExitCode, await output, await errors);
    }

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The test assembly has no {key}: see ActorRisk.Deployment.Tests.csproj.");

    // NuGet keeps the package's file modes only sometimes: a copy with the execute bit set is used when the original lacks it.
    private static string ExecutableBicep()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The deployment tests run the linux-x64 bicep binary.");
        }

        var packaged = Path.Combine(Metadata("BicepPackagePath"), "tools", "bicep");
        if (!System.IO.File.Exists(packaged))
        {
            throw new InvalidOperationException($"No bicep binary at {packaged}: restore Azure.Bicep.CommandLine.linux-x64.");
        }

        if ((System.IO.File.GetUnixFileMode(packaged) & UnixFileMode.UserExecute) != 0)
        {
            return packaged;
        }

        var copy = Path.Combine(Path.GetTempPath(), $"actorrisk-bicep-{Environment.ProcessId}", "bicep");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        System.IO.File.Copy(packaged, copy, overwrite: true);
        System.IO.File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return copy;
    }
}
