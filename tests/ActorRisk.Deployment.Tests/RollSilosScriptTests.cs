namespace ActorRisk.Deployment.Tests;

/// <summary>
/// scripts/azd/roll-silos.sh, azd's postdeploy hook, against a stand-in for the Azure CLI that keeps each app's image
/// and revisions in files and makes a new revision ready only after a few polls, as Container Apps does. The stand-in
/// is the only way to run the script here (no subscription); it answers exactly the queries the script makes.
/// </summary>
public sealed class RollSilosScriptTests : IDisposable
{
    private const string NewImage = "cr.azurecr.io/actorrisk/silo:azd-deploy-2";
    private const string OldImage = "cr.azurecr.io/actorrisk/silo:azd-deploy-1";

    private readonly DirectoryInfo state = Directory.CreateTempSubdirectory("actorrisk-roll-");

    public RollSilosScriptTests()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The hook is a bash script for Linux and macOS shells.");
        }

        File.WriteAllText(Path.Combine(state.FullName, "az"), FakeAzureCli);
        File.SetUnixFileMode(Path.Combine(state.FullName, "az"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        App("ca-api", NewImage);
    }

    [Fact]
    public async Task EachSiloIsUpdatedOnlyAfterThePreviousOneIsHealthyThenTheJobs()
    {
        App("ca-silo-0", OldImage);
        App("ca-silo-1", OldImage);
        App("ca-silo-2", OldImage);
        Job("caj-backup");
        Job("caj-restore");

        var (exitCode, output, errors) = await RunAsync();

        Assert.True(exitCode == 0, output + errors);
        Assert.All(["ca-silo-0", "ca-silo-1", "ca-silo-2"], app => Assert.Equal(NewImage, Image(app)));
        var calls = Calls();
        Assert.Equal(
            ["update ca-silo-0", "ready ca-silo-0", "update ca-silo-1", "ready ca-silo-1", "update ca-silo-2", "ready ca-silo-2", "job-update caj-backup", "job-update caj-restore"],
            calls.Where(c => c.StartsWith("update", StringComparison.Ordinal) || c.StartsWith("ready", StringComparison.Ordinal) || c.StartsWith("job-update", StringComparison.Ordinal)));
        Assert.Equal(NewImage, File.ReadAllText(Path.Combine(state.FullName, "caj-backup.image")).Trim());
    }

    [Fact]
    public async Task ASiloThatNeverBecomesHealthyStopsTheRolloutBeforeTheNextSilo()
    {
        App("ca-silo-0", OldImage);
        App("ca-silo-1", OldImage, neverHealthy: true);
        App("ca-silo-2", OldImage);
        Job("caj-backup");

        var (exitCode, _, errors) = await RunAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains("ca-silo-1 did not become healthy", errors, StringComparison.Ordinal);
        Assert.Equal(NewImage, Image("ca-silo-0"));
        Assert.Equal(OldImage, Image("ca-silo-2"));
        Assert.DoesNotContain(Calls(), c => c == "update ca-silo-2" || c.StartsWith("job-update", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SilosAlreadyOnTheImageAreLeftAloneAndMissingJobsAreSkipped()
    {
        App("ca-silo-0", NewImage);
        App("ca-silo-1", OldImage);
        App("ca-silo-2", NewImage);

        var (exitCode, output, errors) = await RunAsync();

        Assert.True(exitCode == 0, output + errors);
        Assert.Equal(["update ca-silo-1"], Calls().Where(c => c.StartsWith("update", StringComparison.Ordinal) || c.StartsWith("job-update", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WithoutTheEnvironmentsOutputsItSaysWhatToRunAndChangesNothing()
    {
        App("ca-silo-0", OldImage);

        var (exitCode, _, errors) = await RunAsync(withOutputs: false);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("azd provision", errors, StringComparison.Ordinal);
        Assert.Equal(OldImage, Image("ca-silo-0"));
    }

    [Fact]
    public async Task AzdRunsItAfterEachDeployAndTheTemplateOutputsWhatItReads()
    {
        var yaml = File.ReadAllText(Repository.File("azure.yaml"));
        Assert.Matches(@"(?m)^hooks:\n(  #.*\n)*  postdeploy:\n    posix:\n      shell: sh\n      run: bash scripts/azd/roll-silos\.sh$", yaml.ReplaceLineEndings("\n"));

        var (exitCode, template, errors) = await Repository.RunAsync(Repository.Bicep, ["build", "main.bicep", "--stdout"], Repository.Infra, TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, errors);
        var outputs = JsonNode.Parse(template)!["outputs"]!.AsObject().Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var script = File.ReadAllText(Repository.File("scripts/azd/roll-silos.sh"));
        foreach (var name in new[] { "AZURE_RESOURCE_GROUP", "API_APP_NAME", "SILO_APP_NAMES", "BACKUP_JOB_NAME", "RESTORE_JOB_NAME" })
        {
            Assert.Contains($"{{{name}", script, StringComparison.Ordinal);
            Assert.Contains(name, outputs);
        }
    }

    public void Dispose() => state.Delete(recursive: true);

    private void App(string name, string image, bool neverHealthy = false)
    {
        File.WriteAllText(Path.Combine(state.FullName, $"{name}.image"), image);
        File.WriteAllText(Path.Combine(state.FullName, $"{name}.revision"), "1");
        File.WriteAllText(Path.Combine(state.FullName, $"{name}.ready"), "1");
        if (neverHealthy)
        {
            File.WriteAllText(Path.Combine(state.FullName, $"{name}.broken"), "");
        }
    }

    private void Job(string name) => File.WriteAllText(Path.Combine(state.FullName, $"{name}.image"), OldImage);

    private string Image(string app) => File.ReadAllText(Path.Combine(state.FullName, $"{app}.image")).Trim();

    private string[] Calls() => File.Exists(Path.Combine(state.FullName, "calls")) ? File.ReadAllLines(Path.Combine(state.FullName, "calls")) : [];

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(bool withOutputs = true)
    {
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = $"{state.FullName}:{Environment.GetEnvironmentVariable("PATH")}",
            ["FAKE_AZ_STATE"] = state.FullName,
            ["ACTORRISK_ROLL_TIMEOUT_SECONDS"] = "3",
            ["ACTORRISK_ROLL_SETTLE_SECONDS"] = "0",
            ["ACTORRISK_ROLL_POLL_SECONDS"] = "1",
        };
        // azd keeps an array output as JSON.
        environment["AZURE_RESOURCE_GROUP"] = withOutputs ? "rg-ci" : null;
        environment["API_APP_NAME"] = withOutputs ? "ca-api" : null;
        environment["SILO_APP_NAMES"] = withOutputs ? "[\"ca-silo-0\",\"ca-silo-1\",\"ca-silo-2\"]" : null;
        environment["BACKUP_JOB_NAME"] = withOutputs ? "caj-backup" : null;
        environment["RESTORE_JOB_NAME"] = withOutputs ? "caj-restore" : null;

        return await Repository.RunAsync("bash", [Repository.File("scripts/azd/roll-silos.sh")], state.FullName, TimeSpan.FromMinutes(1), environment);
    }

    // Revisions: "<app>.revision" is the latest, "<app>.ready" the latest ready; a new revision is ready on the second
    // poll after the update, unless the app is broken. During the switch both revisions are active.
    private const string FakeAzureCli = """
        #!/usr/bin/env bash
        set -euo pipefail
        dir="$FAKE_AZ_STATE"
        args="$*"
        name=""; revision=""; image=""
        while [ $# -gt 0 ]; do
          case "$1" in -n|--name) name="$2"; shift ;; --revision) revision="$2"; shift ;; --image) image="$2"; shift ;; esac
          shift
        done
        polls="$dir/$name.polls"
        case "$args" in
          "containerapp job show"*) [ -f "$dir/$name.image" ] ;;
          "containerapp job update"*) echo "$image" > "$dir/$name.image"; echo "job-update $name" >> "$dir/calls" ;;
          "containerapp update"*)
            echo "$image" > "$dir/$name.image"
            echo $(( $(cat "$dir/$name.revision") + 1 )) > "$dir/$name.revision"
            echo 0 > "$polls"
            echo "update $name" >> "$dir/calls" ;;
          "containerapp show"*"containers[0].image"*) cat "$dir/$name.image" ;;
          "containerapp show"*)
            latest="$(cat "$dir/$name.revision")"
            if [ -f "$polls" ] && [ ! -f "$dir/$name.broken" ]; then
              count=$(( $(cat "$polls") + 1 )); echo "$count" > "$polls"
              if [ "$count" -ge 2 ] && [ "$(cat "$dir/$name.ready")" != "$latest" ]; then
                echo "$latest" > "$dir/$name.ready"; echo "ready $name" >> "$dir/calls"
              fi
            fi
            printf 'Succeeded\t%s--r%s\t%s--r%s\n' "$name" "$latest" "$name" "$(cat "$dir/$name.ready")" ;;
          "containerapp revision show"*) printf 'Healthy\tRunning\n' ;;
          "containerapp revision list"*)
            echo "$name--r$(cat "$dir/$name.ready")"
            if [ "$(cat "$dir/$name.ready")" != "$(cat "$dir/$name.revision")" ]; then echo "$name--r$(cat "$dir/$name.revision")"; fi ;;
          *) echo "fake az: unexpected: $args" >&2; exit 2 ;;
        esac
        """;
}
