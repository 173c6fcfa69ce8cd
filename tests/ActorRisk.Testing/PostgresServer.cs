using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ActorRisk.Testing;

/// <summary>
/// A real PostgreSQL server for tests, started once per test process from the machine's PostgreSQL binaries
/// (initdb + pg_ctl in a temporary directory, on a free loopback port) and stopped when the process exits.
/// Set ACTORRISK_TEST_POSTGRES to a connection string to use an existing server instead, or ACTORRISK_PG_BIN to
/// point at the binaries. Missing binaries fail the tests with instructions; they never skip silently.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int databaseCounter;

    private PostgresServer(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    public string AdminConnectionString { get; }

    public static Task<PostgresServer> InstanceAsync() => Shared.Value;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref databaseCounter)}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("ACTORRISK_TEST_POSTGRES") is { Length: > 0 } external)
        {
            return new PostgresServer(external);
        }

        var bin = FindBinaries();
        RemoveStaleServers();
        var root = Directory.CreateTempSubdirectory("actorrisk-pg-").FullName;
        var data = Path.Combine(root, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres system user.
            await RunAsync("chown", ["postgres", root], asUser: null);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"], asRoot ? "postgres" : null);
        var port = FreePort();
        var settings = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=128MB";
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", settings, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start"], asRoot ? "postgres" : null);

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], asRoot ? "postgres" : null);
                Directory.Delete(root, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Best effort at exit: a leftover temporary directory is harmless.
            }
        };

        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Maximum Pool Size=100");
    }

    /// <summary>
    /// Deletes the folders of earlier test runs whose server is no longer running (a test host killed before its
    /// exit handler finished leaves its folder behind).
    /// </summary>
    private static void RemoveStaleServers()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), "actorrisk-pg-*"))
        {
            if (File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
            {
                continue; // a server may still be running there (another test process)
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Someone else's folder or still in use: leave it.
            }
        }
    }

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("ACTORRISK_PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found (looked in /usr/lib/postgresql/*/bin). Install them (apt-get install postgresql), " +
            "set ACTORRISK_PG_BIN to their folder, or set ACTORRISK_TEST_POSTGRES to a connection string.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsync(string file, string[] arguments, string? asUser) => Task.Run(() => Run(file, arguments, asUser));

    private static void Run(string file, string[] arguments, string? asUser)
    {
        var start = new ProcessStartInfo(asUser is null ? file : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asUser is not null)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(asUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(file);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} did not finish within 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output.Result}{error.Result}");
        }
    }
}
