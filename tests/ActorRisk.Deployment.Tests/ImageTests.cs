using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorRisk.Silo.Hosting;

namespace ActorRisk.Deployment.Tests;

/// <summary>
/// What the image runs, without Docker: the silo published as the Dockerfile publishes it, started as its ENTRYPOINT
/// starts it with its ENV (on loopback, memory mode), answers the health paths the Container App probes; and azure.yaml
/// builds that Dockerfile for the silo.
/// </summary>
public sealed class ImageTests
{
    private static readonly Dockerfile Image = Dockerfile.Read(Repository.File("Dockerfile"));

    [Fact]
    public void TheImagePublishesTheSiloInReleaseAndRunsItAsAnUnprivilegedUser()
    {
        var publish = Image.PublishArguments;
        Assert.Equal("src/ActorRisk.Silo/ActorRisk.Silo.csproj", publish[0]);
        Assert.True(File.Exists(Repository.File(publish[0])));
        Assert.Equal("Release", publish[publish.ToList().IndexOf("-c") + 1]);
        Assert.Equal(["dotnet", "ActorRisk.Silo.dll"], Image.Entrypoint);
        Assert.Equal("$APP_UID", Image.Lines.Last(l => l.Instruction == "USER").Arguments);
        Assert.Contains(Image.Lines, l => l.Instruction == "HEALTHCHECK" && l.Arguments.Contains("/health/live", StringComparison.Ordinal));
        Assert.True(File.Exists(Repository.File(".dockerignore")));
    }

    [Fact]
    public void TheImageExposesTheHttpPortAndOrleansPorts()
    {
        var orleans = new OrleansOptions();
        var http = new Uri(Image.Environment["ASPNETCORE_URLS"].Replace("+", "localhost", StringComparison.Ordinal)).Port;

        Assert.Equal([http, orleans.SiloPort, orleans.GatewayPort], Image.ExposedPorts);
    }

    [Fact]
    public void AzureYamlBuildsTheSiloFromTheDockerfileForContainerApps()
    {
        var service = AzureYaml.Read(Repository.File("azure.yaml"));

        Assert.Equal("containerapp", service["host"]);
        var project = Path.GetFullPath(Path.Combine(Repository.Root, service["project"]));
        Assert.Equal(Path.GetFullPath(Repository.File("src/ActorRisk.Silo")), project);
        Assert.Equal(Path.GetFullPath(Repository.File("Dockerfile")), Path.GetFullPath(Path.Combine(project, service["docker.path"])));
        Assert.Equal(Path.GetFullPath(Repository.Root), Path.GetFullPath(Path.Combine(project, service["docker.context"])).TrimEnd('/'));
        // azd finds the app by this tag.
        Assert.Contains($"'azd-service-name': '{service["name"]}'", File.ReadAllText(Path.Combine(Repository.Infra, "main.bicep")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task ThePublishedSiloAnswersTheContainerAppsProbes(string environment)
    {
        var published = await Published.Value;
        var template = await SiloTemplate.CompileAsync();
        var port = FreePort();
        var entrypoint = Image.Entrypoint;
        var start = new ProcessStartInfo(entrypoint[0]) { WorkingDirectory = published, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in entrypoint.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Image.Environment)
        {
            start.Environment[name] = value;
        }

        // Loopback only: the image's wildcard address becomes 127.0.0.1, on a free port.
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ActorRisk__Orleans__SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ActorRisk__Orleans__GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var paths = template.Probes.Select(p => p!["httpGet"]!["path"]!.GetValue<string>()).Distinct().ToList();
            Assert.Contains("/health/ready", paths);
            foreach (var path in paths)
            {
                var status = await StatusWhenAnsweredAsync(client, path, process, TimeSpan.FromSeconds(90));
                Assert.True(status == HttpStatusCode.OK, $"{path}: {status}\n{Output(output)}");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    // One publish for the class, as the Dockerfile's RUN does it, into a directory of this test run.
    private static readonly Lazy<Task<string>> Published = new(async () =>
    {
        var output = Path.Combine(Path.GetTempPath(), $"actorrisk-publish-{System.Environment.ProcessId}");
        var arguments = Image.PublishArguments.ToList();
        arguments[arguments.IndexOf("-o") + 1] = output;
        var (exitCode, stdout, errors) = await Repository.RunAsync("dotnet", ["publish", .. arguments], Repository.Root, TimeSpan.FromMinutes(10));
        Assert.True(exitCode == 0, stdout + errors);
        Assert.True(File.Exists(Path.Combine(output, Image.Entrypoint[1])));
        return output;
    });

    private static async Task<HttpStatusCode?> StatusWhenAnsweredAsync(HttpClient client, string path, Process process, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within && !process.HasExited)
        {
            try
            {
                return (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(250); // not listening yet
            }
        }

        return null;
    }

    private static string Output(System.Text.StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
