using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ActorRisk.Deployment.Tests;

/// <summary>
/// What infra/main.bicep deploys with a set of parameters, as `bicep snapshot` predicts it: every resource with the
/// values the template computes from its parameters (conditions, loops, lambdas evaluated). What only Azure knows, such
/// as another resource's endpoint or id, stays an ARM expression (a string starting with '[').
/// </summary>
internal sealed class DeploymentSnapshot
{
    /// <summary>The parameters azd requires (main.parameters.json without defaults), with test values; no real secret.</summary>
    public static IReadOnlyDictionary<string, object> RequiredParameters { get; } = new Dictionary<string, object>
    {
        ["environmentName"] = "ci",
        ["location"] = "westeurope",
        ["postgresAdministratorPassword"] = "not-a-password",
        ["tokenizationKey"] = Convert.ToBase64String(new byte[32]),
        ["dataProtectionCertificate"] = "not-a-certificate",
        ["administratorPasswordHash"] = "not-a-hash",
        ["administratorApiKeySha256"] = new string('0', 64),
        // azd sets it after its first deploy; the placeholder image of the first provision is the exception.
        ["siloImage"] = "crtest.azurecr.io/actorrisk/silo-ci:azd-deploy-1",
    };

    private static readonly ConcurrentDictionary<string, Lazy<Task<DeploymentSnapshot>>> Cache = new();

    private DeploymentSnapshot(IReadOnlyList<JsonObject> resources) => Resources = resources;

    public IReadOnlyList<JsonObject> Resources { get; }

    public IEnumerable<JsonObject> OfType(string type) => Resources.Where(r => r["type"]!.GetValue<string>() == type);

    /// <summary>The deployment with the required parameters and these (which override them); cached per parameter set.</summary>
    public static Task<DeploymentSnapshot> OfAsync(IReadOnlyDictionary<string, object>? parameters = null)
    {
        var all = new SortedDictionary<string, object>(RequiredParameters.ToDictionary(), StringComparer.Ordinal);
        foreach (var (name, value) in parameters ?? new Dictionary<string, object>())
        {
            all[name] = value;
        }

        var file = new StringBuilder();
        foreach (var (name, value) in all)
        {
            file.Append(CultureInfo.InvariantCulture, $"param {name} = {Literal(value)}\n");
        }

        return Cache.GetOrAdd(file.ToString(), text => new(() => SnapshotAsync(text))).Value;
    }

    private static async Task<DeploymentSnapshot> SnapshotAsync(string parameters)
    {
        var directory = Directory.CreateTempSubdirectory("actorrisk-snapshot-");
        try
        {
            // A parameters file names its template by a relative path.
            var main = Path.GetRelativePath(directory.FullName, Path.Combine(Repository.Infra, "main.bicep")).Replace('\\', '/');
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "test.bicepparam"), $"using '{main}'\n{parameters}");
            var (exitCode, output, errors) = await Repository.RunAsync(
                Repository.Bicep,
                ["snapshot", "test.bicepparam", "--subscription-id", "00000000-0000-0000-0000-000000000001", "--tenant-id", "00000000-0000-0000-0000-000000000002", "--location", "westeurope"],
                directory.FullName,
                TimeSpan.FromMinutes(2));
            Assert.True(exitCode == 0, $"bicep snapshot (exit {exitCode}):\n{output}{errors}");
            var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(directory.FullName, "test.snapshot.json")))!;
            return new([.. snapshot["predictedResources"]!.AsArray().OfType<JsonObject>()]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Literal(object value) => value switch
    {
        string text => $"'{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'",
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"No bicepparam literal for {value.GetType().Name}.", nameof(value)),
    };
}
