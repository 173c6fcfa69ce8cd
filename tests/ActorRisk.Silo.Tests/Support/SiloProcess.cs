using System.Diagnostics;
using ActorRisk.Api.Security;

namespace ActorRisk.Silo.Tests.Support;

/// <summary>
/// The silo as an operating-system process (the built ActorRisk.Silo.dll run by `dotnet`), configured as an operator
/// would through its command line, so a test can kill it without warning (SIGKILL) and start it again on the same stores.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process process;

    private SiloProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<SiloProcess> StartAsync(SiloSetup setup, int httpPort)
    {
        var silo = Path.Combine(AppContext.BaseDirectory, "ActorRisk.Silo.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(silo);
        foreach (var (key, value) in setup.Settings())
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.ArgumentList.Add($"--urls=http://127.0.0.1:{httpPort}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var address = new Uri($"http://127.0.0.1:{httpPort}/");
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                if ((await probe.GetAsync(new Uri("health/ready", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return new SiloProcess(process, address);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        process.Kill(entireProcessTree: true);
        string log;
        lock (output)
        {
            log = output.ToString();
        }

        throw new InvalidOperationException($"The silo process did not become ready:{Environment.NewLine}{log}");
    }

    public HttpClient Client(string apiKey) =>
        new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { { ApiKeyAuthenticationHandler.Header, apiKey } } };

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }
}
