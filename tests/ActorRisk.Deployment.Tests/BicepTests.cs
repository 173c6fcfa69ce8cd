namespace ActorRisk.Deployment.Tests;

/// <summary>infra/ compiles and passes the linter (infra/bicepconfig.json) without one error or warning, file by file.</summary>
public sealed class BicepTests
{
    public static TheoryData<string> BicepFiles() => [.. Files()];

    [Fact]
    public void TheMainTemplateAndItsModulesAreAllChecked()
    {
        var files = Files();
        Assert.Contains("main.bicep", files);
        var main = File.ReadAllText(Path.Combine(Repository.Infra, "main.bicep"));
        foreach (var module in files.Where(f => f != "main.bicep"))
        {
            // Every module is used: a file no template names would be checked here and deployed nowhere.
            Assert.Contains($"'{module}'", main, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task BuildsWithoutErrorsOrWarnings(string file)
    {
        var (exitCode, output, errors) = await Repository.RunAsync(Repository.Bicep, ["build", file, "--stdout"], Repository.Infra, TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0 && errors.Trim().Length == 0, $"bicep build {file} (exit {exitCode}):\n{errors}");
        Assert.NotNull(JsonNode.Parse(output)!["resources"]);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task LintsWithoutErrorsOrWarnings(string file)
    {
        var (exitCode, output, errors) = await Repository.RunAsync(Repository.Bicep, ["lint", file], Repository.Infra, TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0 && (output + errors).Trim().Length == 0, $"bicep lint {file} (exit {exitCode}):\n{output}{errors}");
    }

    [Fact]
    public async Task TheLinterFailsATemplateWithAWarning()
    {
        // The two tests above mean something only if a warning would make them fail: an unused parameter is one.
        var directory = Directory.CreateTempSubdirectory("actorrisk-bicep-");
        try
        {
            File.Copy(Path.Combine(Repository.Infra, "bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "unused.bicep"), "@description('Not used.')\nparam unused string\n");

            var (exitCode, output, errors) = await Repository.RunAsync(Repository.Bicep, ["lint", "unused.bicep"], directory.FullName, TimeSpan.FromMinutes(2));

            Assert.NotEqual(0, exitCode);
            Assert.Contains("no-unused-params", output + errors, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static List<string> Files() =>
    [
        .. Directory.EnumerateFiles(Repository.Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Repository.Infra, file))
            .Order(StringComparer.Ordinal),
    ];
}
