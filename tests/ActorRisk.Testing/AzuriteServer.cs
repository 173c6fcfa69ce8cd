using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace ActorRisk.Testing;

/// <summary>
/// A real Azurite (Azure Storage emulator: blob, queue, table) for tests, started once per test process from this
/// project's npm packages (tests/ActorRisk.Testing/package-lock.json, restored by the build with npm ci), in memory,
/// on free loopback ports so parallel test processes never share one, and stopped when the process exits. Set
/// ACTORRISK_TEST_AZURITE to a connection string to use a running emulator instead. Without Node.js or the npm
/// packages the tests fail with instructions; they never skip.
/// </summary>
public sealed class AzuriteServer
{
    /// <summary>The emulator's fixed development account (public, documented by Azurite; not a secret).</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Task<AzuriteServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private AzuriteServer(string connectionString) => ConnectionString = connectionString;

    /// <summary>Account, key and explicit http endpoints on this emulator's ports.</summary>
    public string ConnectionString { get; }

    public static Task<AzuriteServer> InstanceAsync() => Shared.Value;

    /// <summary>
    /// An emulator of its own, never shared (ACTORRISK_TEST_AZURITE does not apply), for a test that works on a whole
    /// account: Orleans' tables by their fixed names, deleted and restored, while other tests use the shared one.
    /// </summary>
    public static Task<AzuriteServer> StartDedicatedAsync() => StartProcessAsync();

    private static async Task<AzuriteServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("ACTORRISK_TEST_AZURITE") is { Length: > 0 } external)
        {
            return new AzuriteServer(external);
        }

        return await StartProcessAsync();
    }

    private static async Task<AzuriteServer> StartProcessAsync()
    {
        var azurite = FindAzurite();
        for (var attempt = 1; ; attempt++)
        {
            // A free port can be taken by another process between the probe and Azurite's bind: try new ports.
            var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
            var process = Start(azurite, blob, queue, table);
            try
            {
                await WaitForPortAsync(process, table, TimeSpan.FromSeconds(60));
                await WaitForPortAsync(process, blob, TimeSpan.FromSeconds(10));
                await WaitForPortAsync(process, queue, TimeSpan.FromSeconds(10));
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                Stop(process);
                continue;
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);
            return new AzuriteServer(string.Join(';',
                "DefaultEndpointsProtocol=http",
                $"AccountName={AccountName}",
                $"AccountKey={AccountKey}",
                $"BlobEndpoint=http://127.0.0.1:{blob}/{AccountName}",
                $"QueueEndpoint=http://127.0.0.1:{queue}/{AccountName}",
                $"TableEndpoint=http://127.0.0.1:{table}/{AccountName}"));
        }
    }

    /// <summary>
    /// Runs Azurite under a shell that stops it when its standard input closes: that happens when this process
    /// exits, even when it is killed without running its exit handlers, so no emulator outlives its test run.
    /// </summary>
    private static Process Start(string azurite, int blob, int queue, int table)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(), // in memory, Azurite writes no files
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("\"$0\" \"$@\" & child=$!; cat > /dev/null; kill $child 2>/dev/null; wait $child");
        start.ArgumentList.Add(azurite);
        foreach (var argument in new[]
        {
            "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {azurite}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Stop(Process process)
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Best effort at exit: it has already gone.
        }
    }

    private static async Task WaitForPortAsync(Process process, int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited ({process.ExitCode}) before listening on port {port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (SocketException exception)
            {
                throw new InvalidOperationException($"Azurite did not listen on port {port} within {timeout.TotalSeconds} s.", exception);
            }
        }
    }

    private static string FindAzurite()
    {
        if (Environment.GetEnvironmentVariable("ACTORRISK_AZURITE") is { Length: > 0 } configured)
        {
            return configured;
        }

        var project = typeof(AzuriteServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ActorRiskTestingDirectory")?.Value ?? "";
        var azurite = Path.Combine(project, "node_modules", ".bin", "azurite");
        if (File.Exists(azurite) && HasNode())
        {
            return azurite;
        }

        throw new InvalidOperationException(
            $"Azurite was not found at {azurite}, or Node.js is missing. Install Node.js 20+ with npm, then build tests/ActorRisk.Testing " +
            "(its build runs npm ci) or run `npm ci` in tests/ActorRisk.Testing; or set ACTORRISK_AZURITE to an azurite executable, " +
            "or ACTORRISK_TEST_AZURITE to the connection string of a running emulator.");
    }

    private static bool HasNode()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            return node is not null && node.WaitForExit(TimeSpan.FromSeconds(30)) && node.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
