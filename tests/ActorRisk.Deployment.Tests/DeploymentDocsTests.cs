namespace ActorRisk.Deployment.Tests;

/// <summary>docs/deployment.md documents every parameter and output of infra/main.bicep, so the tables cannot drift from the template.</summary>
public sealed class DeploymentDocsTests
{
    [Fact]
    public async Task EveryParameterAndOutputOfTheMainTemplateIsInTheDeploymentGuide()
    {
        var (exitCode, output, errors) = await Repository.RunAsync(Repository.Bicep, ["build", "main.bicep", "--stdout"], Repository.Infra, TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, errors);
        var template = JsonNode.Parse(output)!;
        var guide = File.ReadAllText(Repository.File("docs/deployment.md"));

        var names = template["parameters"]!.AsObject().Select(p => p.Key).Concat(template["outputs"]!.AsObject().Select(o => o.Key)).ToList();

        Assert.NotEmpty(names);
        var missing = names.Where(name => !guide.Contains($"`{name}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"docs/deployment.md does not mention {string.Join(", ", missing)}: add them to its Parameters or Outputs table.");
    }
}
