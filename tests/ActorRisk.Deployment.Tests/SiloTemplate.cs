using System.Text.RegularExpressions;

namespace ActorRisk.Deployment.Tests;

/// <summary>
/// The silo's container app as infra/main.bicep compiles to (ARM JSON): its settings, secrets, volumes and probes. A
/// setting's value that ARM computes at deployment is resolved when it is a parameter passed down from main.bicep's
/// defaults, and stands as <see cref="DeploymentValue"/> otherwise; a Key Vault reference stands as <see cref="SecretValue"/>.
/// </summary>
internal sealed partial class SiloTemplate
{
    /// <summary>A value only the deployment knows (an endpoint, an id): an absolute URI, so code that parses one accepts it.</summary>
    public const string DeploymentValue = "https://known-at-deployment.invalid/";

    /// <summary>
    /// What a Key Vault secret stands for here, in the shape docs/deployment.md asks for: a SHA-256 in hex for a key's
    /// hash, and otherwise base64 of 32 bytes, the strictest of the others (the card-token key).
    /// </summary>
    public static string SecretValue(string secretRef) =>
        secretRef.EndsWith("sha256", StringComparison.Ordinal) ? new string('0', 64) : Convert.ToBase64String(new byte[32]);

    private SiloTemplate(JsonObject app, JsonObject appTemplate, JsonObject main, JsonObject module)
    {
        App = app;
        AppTemplate = appTemplate;
        Main = main;
        Module = module;
    }

    public JsonObject App { get; }

    private JsonObject AppTemplate { get; }

    private JsonObject Main { get; }

    private JsonObject Module { get; }

    public JsonObject Container => (JsonObject)App["properties"]!["template"]!["containers"]![0]!;

    /// <summary>The container's settings: a name with its value, or with the secret it reads.</summary>
    public IReadOnlyList<(string Name, string? Value, string? SecretRef)> Settings =>
    [
        .. Listed(Container["env"]!).Select(s => (
            s!["name"]!.GetValue<string>(),
            s["value"] is { } value ? Resolve(value.GetValue<string>()) : null,
            s["secretRef"]?.GetValue<string>())),
    ];

    /// <summary>The app's secrets (those of optional features, such as the webhook's, only when listed without a condition).</summary>
    public IReadOnlyList<JsonObject> Secrets => [.. Listed(App["properties"]!["configuration"]!["secrets"]!)];

    public JsonArray Probes => Variable("probes").AsArray();

    public static async Task<SiloTemplate> CompileAsync()
    {
        var (exitCode, output, errors) = await Repository.RunAsync(Repository.Bicep, ["build", "main.bicep", "--stdout"], Repository.Infra, TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, errors);
        var main = (JsonObject)JsonNode.Parse(output)!;
        foreach (var module in Resources(main).Where(r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments"))
        {
            var template = (JsonObject)module["properties"]!["template"]!;
            if (Resources(template).FirstOrDefault(r => r["type"]!.GetValue<string>() == "Microsoft.App/containerApps") is { } app)
            {
                return new SiloTemplate(app, template, main, module);
            }
        }

        throw new InvalidOperationException("main.bicep deploys no Microsoft.App/containerApps.");
    }

    /// <summary>The settings as the silo's configuration sees them (ActorRisk__Azure__X is ActorRisk:Azure:X).</summary>
    public IConfiguration Configuration() =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(Settings.Select(s => KeyValuePair.Create(s.Name.Replace("__", ":", StringComparison.Ordinal), s.SecretRef is null ? s.Value : SecretValue(s.SecretRef))))
            .Build();

    public JsonNode Variable(string name) => AppTemplate["variables"]?[name] ?? throw new InvalidOperationException($"The silo's module has no variable {name}.");

    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray list => list.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    // A list, or concat(variables('a'), variables('b')) of lists: the items of each variable that is a list; a variable
    // that is an expression (an optional feature's, such as if(empty(webhookUrl), [], [...])) lists nothing here.
    private IEnumerable<JsonObject> Listed(JsonNode node)
    {
        if (node is JsonArray items)
        {
            return items.OfType<JsonObject>();
        }

        return VariableReference().Matches(node.GetValue<string>())
            .Select(reference => Variable(reference.Groups[1].Value))
            .OfType<JsonArray>()
            .SelectMany(list => list.OfType<JsonObject>());
    }

    /// <summary>A template value: a literal, or an expression of the few forms the silo's settings use.</summary>
    public string Resolve(string value) => value.StartsWith('[') ? Evaluate(value[1..^1], Module, AppTemplate) : value;

    // parameters('x') (the module's, as main.bicep passes it, down to main.bicep's default), variables('x'),
    // string(...) and format('...', ...); anything else is known only at deployment.
    private string Evaluate(string expression, JsonObject? module, JsonObject template)
    {
        if (Call().Match(expression) is not { Success: true } call)
        {
            return expression.StartsWith('\'') ? expression.Trim('\'') : DeploymentValue;
        }

        var arguments = Arguments(call.Groups[2].Value);
        switch (call.Groups[1].Value)
        {
            case "string":
                return Evaluate(arguments[0], module, template);
            case "format":
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, arguments[0].Trim('\''), [.. arguments.Skip(1).Select(a => (object)Evaluate(a, module, template))]);
            case "variables":
                return template["variables"]?[arguments[0].Trim('\'')] is { } variable ? Text(variable, module, template) : DeploymentValue;
            case "parameters":
                var name = arguments[0].Trim('\'');
                if (module?["properties"]?["parameters"]?[name]?["value"] is { } passed)
                {
                    return Text(passed, null, Main);
                }

                return template["parameters"]?[name]?["defaultValue"] is { } defaultValue ? Text(defaultValue, null, Main) : DeploymentValue;
            default:
                return DeploymentValue;
        }
    }

    private string Text(JsonNode node, JsonObject? module, JsonObject template) =>
        node.GetValueKind() != System.Text.Json.JsonValueKind.String ? node.ToJsonString()
        : node.GetValue<string>() is var text && text.StartsWith('[') ? Evaluate(text[1..^1], module, template) : node.GetValue<string>();

    // Splits "a, f(b, c), 'd'" at its top-level commas.
    private static List<string> Arguments(string list)
    {
        var arguments = new List<string>();
        int depth = 0, start = 0;
        var quoted = false;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '\'': quoted = !quoted; break;
                case '(' when !quoted: depth++; break;
                case ')' when !quoted: depth--; break;
                case ',' when !quoted && depth == 0:
                    arguments.Add(list[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        arguments.Add(list[start..].Trim());
        return arguments;
    }

    [GeneratedRegex(@"^([A-Za-z]+)\((.*)\)$")]
    private static partial Regex Call();

    [GeneratedRegex(@"variables\('([A-Za-z]+)'\)")]
    private static partial Regex VariableReference();
}
