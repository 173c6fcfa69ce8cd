using System.Diagnostics;
using System.Text;

namespace ActorRisk.Testing;

/// <summary>
/// An ActorRisk host (the built ActorRisk.Silo.dll run by `dotnet`) as an operating-system process, configured as an
/// operator would through its command line, so a test can stop it gracefully (SIGTERM), freeze and thaw it
/// (SIGSTOP, SIGCONT) or kill it without warning (SIGKILL), and start another on the same stores.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    /// <summary>The API key header (ActorRisk.Api's ApiKeyAuthenticationHandler.Header).</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    private readonly Process process;
    private readonly StringBuilder output;

    private HostProcess(Process process, StringBuilder output, Uri address, string name)
    {
        this.process = process;
        this.output = output;
        Address = address;
        Name = name;
    }

    public Uri Address { get; }

    /// <summary>What the test calls this host ("silo 2", "api").</summary>
    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the host with <paramref name="settings"/> as command-line settings, listening on 127.0.0.1:<paramref name="httpPort"/>,
    /// and waits until /health/ready answers (or the process exits, or <paramref name="ready"/> passes).
    /// </summary>
    public static async Task<HostProcess> StartAsync(
        IEnumerable<KeyValuePair<string, string>> settings,
        int httpPort,
        string name = "silo",
        string environment = "Production",
        TimeSpan? ready = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var host = Path.Combine(AppContext.BaseDirectory, "ActorRisk.Silo.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(host);
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.ArgumentList.Add($"--urls=http://127.0.0.1:{httpPort}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var started = new HostProcess(process, output, new Uri($"http://127.0.0.1:{httpPort}/"), name);
        using var probe = new HttpClient { BaseAddress = started.Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (ready ?? TimeSpan.FromSeconds(90)) && !process.HasExited)
        {
            try
            {
                if ((await probe.GetAsync(new Uri("health/ready", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return started;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        throw new InvalidOperationException($"{name} did not become ready:{Environment.NewLine}{started.Output}");
    }

    public HttpClient Client(string apiKey) =>
        new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { { ApiKeyHeader, apiKey } } };

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the host shuts down gracefully and exits.</summary>
    public async Task<int> StopAsync(TimeSpan within)
    {
        Signal("TERM");
        using var timeout = new CancellationTokenSource(within);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>SIGSTOP: the process stops answering, as a machine that froze or lost its network.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>SIGCONT after <see cref="Freeze"/>.</summary>
    public void Thaw() => Signal("CONT");

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => process.WaitForExitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Thaw();
            await KillAsync();
        }

        process.Dispose();
    }

    // kill(1) rather than P/Invoke: the test support stays free of unsafe code, and a signal a second is plenty.
    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} failed with {kill.ExitCode}.");
        }
    }
}
