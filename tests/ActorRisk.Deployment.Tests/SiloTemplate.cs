using System.Security.Cryptography;
using System.Text;

namespace ActorRisk.Deployment.Tests;

/// <summary>
/// One container app (or job) of the deployment as `bicep snapshot` predicts it (<see cref="DeploymentSnapshot"/>): its
/// settings, secrets, volumes and probes. A value only Azure knows stands as <see cref="DeploymentValue"/>; a Key Vault
/// reference stands as <see cref="SecretValue"/>.
/// </summary>
internal sealed class SiloTemplate(JsonObject app)
{
    /// <summary>A value only the deployment knows (an endpoint, an id): an absolute URI, so code that parses one accepts it.</summary>
    public const string DeploymentValue = "https://known-at-deployment.invalid/";

    /// <summary>
    /// What a Key Vault secret stands for here, in the shape docs/deployment.md asks for: a SHA-256 in hex for a key's
    /// hash, and otherwise base64 of 32 bytes, the strictest of the others (the card-token keys), different per secret.
    /// </summary>
    public static string SecretValue(string secretRef) =>
        secretRef.EndsWith("sha256", StringComparison.Ordinal) ? new string('0', 64) : Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secretRef)));

    public JsonObject App { get; } = app;

    public string Name => App["name"]!.GetValue<string>();

    /// <summary>The host's role setting: silo or api.</summary>
    public string Role => Settings.Single(s => s.Name == "ActorRisk__Role").Value!;

    public JsonObject Ingress => (JsonObject)App["properties"]!["configuration"]!["ingress"]!;

    public JsonObject Container => (JsonObject)App["properties"]!["template"]!["containers"]![0]!;

    /// <summary>The container's settings: a name with its value, or with the secret it reads.</summary>
    public IReadOnlyList<(string Name, string? Value, string? SecretRef)> Settings =>
    [
        .. Container["env"]!.AsArray().OfType<JsonObject>().Select(s => (
            s["name"]!.GetValue<string>(),
            s["value"] is { } value ? Resolve(value.GetValue<string>()) : null,
            s["secretRef"]?.GetValue<string>())),
    ];

    /// <summary>A setting's value as the template wrote it, an ARM expression where only Azure knows it.</summary>
    public string RawSetting(string name) =>
        Container["env"]!.AsArray().OfType<JsonObject>().Single(s => s["name"]!.GetValue<string>() == name)["value"]!.GetValue<string>();

    public IReadOnlyList<JsonObject> Secrets => [.. App["properties"]!["configuration"]!["secrets"]!.AsArray().OfType<JsonObject>()];

    public JsonArray Probes => Container["probes"]?.AsArray() ?? [];

    /// <summary>The silo and api apps of the deployment with these parameters (<see cref="DeploymentSnapshot.OfAsync"/>).</summary>
    public static async Task<IReadOnlyList<SiloTemplate>> CompileAllAsync(IReadOnlyDictionary<string, object>? parameters = null)
    {
        var snapshot = await DeploymentSnapshot.OfAsync(parameters);
        var apps = snapshot.OfType("Microsoft.App/containerApps").Select(app => new SiloTemplate(app)).ToList();
        return apps.Count > 0 ? apps : throw new InvalidOperationException("main.bicep deploys no Microsoft.App/containerApps.");
    }

    /// <summary>The first app of the role (silo or api).</summary>
    public static async Task<SiloTemplate> CompileAsync(string role = "silo", IReadOnlyDictionary<string, object>? parameters = null) =>
        (await CompileAllAsync(parameters)).FirstOrDefault(app => app.Role == role)
        ?? throw new InvalidOperationException($"main.bicep deploys no container app of role {role}.");

    /// <summary>The settings as the silo's configuration sees them (ActorRisk__Azure__X is ActorRisk:Azure:X).</summary>
    public IConfiguration Configuration() =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(Settings.Select(s => KeyValuePair.Create(s.Name.Replace("__", ":", StringComparison.Ordinal), s.SecretRef is null ? s.Value : SecretValue(s.SecretRef))))
            .Build();

    /// <summary>A template value: a literal, or <see cref="DeploymentValue"/> for an expression only Azure can evaluate.</summary>
    public static string Resolve(string value) => value.StartsWith('[') ? DeploymentValue : value;
}
