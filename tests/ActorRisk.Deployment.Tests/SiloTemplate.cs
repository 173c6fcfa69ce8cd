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

    private SiloTemplate(JsonObject app, JsonObject appTemplate, JsonObject main, JsonObject module, int copyIndex)
    {
        App = app;
        AppTemplate = appTemplate;
        Main = main;
        Module = module;
        CopyIndex = copyIndex;
    }

    /// <summary>Which of a module loop's apps this is (the silo apps); 0 for a module deployed once.</summary>
    private int CopyIndex { get; }

    /// <summary>The module's role parameter: silo or api.</summary>
    public string Role => Resolve("[parameters('role')]");

    /// <summary>The app's ingress, the one its role chooses.</summary>
    public JsonObject Ingress => App["properties"]!["configuration"]!["ingress"] switch
    {
        JsonObject ingress => ingress,
        var expression => (JsonObject)JsonNode.Parse(Resolve(expression!.GetValue<string>()))!,
    };

    /// <summary>An expression main.bicep passes to the module's parameter, unresolved (say, another module's output).</summary>
    public string PassedExpression(string parameter) => Module["properties"]!["parameters"]![parameter]!["value"]!.ToString();

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

    /// <summary>The first app of the role (silo or api).</summary>
    public static async Task<SiloTemplate> CompileAsync(string role = "silo") =>
        (await CompileAllAsync()).FirstOrDefault(app => app.Role == role)
        ?? throw new InvalidOperationException($"main.bicep deploys no container app of role {role}.");

    /// <summary>Every container app main.bicep deploys with its defaults, one per iteration of a module loop.</summary>
    public static async Task<IReadOnlyList<SiloTemplate>> CompileAllAsync()
    {
        var (exitCode, output, errors) = await Repository.RunAsync(Repository.Bicep, ["build", "main.bicep", "--stdout"], Repository.Infra, TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, errors);
        var main = (JsonObject)JsonNode.Parse(output)!;
        var apps = new List<SiloTemplate>();
        foreach (var module in Resources(main).Where(r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments"))
        {
            var template = (JsonObject)module["properties"]!["template"]!;
            if (Resources(template).FirstOrDefault(r => r["type"]!.GetValue<string>() == "Microsoft.App/containerApps") is { } app)
            {
                var count = module["copy"]?["count"] is { } copies
                    ? int.Parse(new SiloTemplate(app, template, main, module, 0).Text(copies, null, main), System.Globalization.CultureInfo.InvariantCulture)
                    : 1;
                apps.AddRange(Enumerable.Range(0, count).Select(index => new SiloTemplate(app, template, main, module, index)));
            }
        }

        return apps.Count > 0 ? apps : throw new InvalidOperationException("main.bicep deploys no Microsoft.App/containerApps.");
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
            .Select(variable => variable is JsonValue expression && Text(expression, Module, AppTemplate) is var chosen && chosen.StartsWith('[') ? JsonNode.Parse(chosen) : variable)
            .OfType<JsonArray>()
            .SelectMany(list => list.OfType<JsonObject>());
    }

    /// <summary>A template value: a literal, or an expression of the few forms the silo's settings use.</summary>
    public string Resolve(string value) => value.StartsWith('[') ? Evaluate(value[1..^1], Module, AppTemplate) : value;

    // parameters('x') (the module's, as main.bicep passes it, down to main.bicep's default), variables('x'),
    // string(...), format('...', ...), add, equals, if on a known condition and copyIndex() (a module loop's index);
    // anything else is known only at deployment.
    private string Evaluate(string expression, JsonObject? module, JsonObject template)
    {
        if (Call().Match(expression) is not { Success: true } call)
        {
            return expression.StartsWith('\'') ? expression.Trim('\'')
                : int.TryParse(expression, System.Globalization.CultureInfo.InvariantCulture, out _) || expression is "true" or "false" ? expression
                : DeploymentValue;
        }

        var arguments = Arguments(call.Groups[2].Value);
        switch (call.Groups[1].Value)
        {
            case "string":
                return Evaluate(arguments[0], module, template);
            case "length" when Call().Match(arguments[0]) is { Success: true } inner && inner.Groups[1].Value == "range":
                // A loop over range(0, n), as main.bicep's silos: n items.
                var bounds = Arguments(inner.Groups[2].Value);
                return Evaluate(bounds[0], module, template) == "0" ? Evaluate(bounds[1], module, template) : DeploymentValue;
            case "copyIndex":
                return CopyIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
            case "add":
                return int.TryParse(Evaluate(arguments[0], module, template), System.Globalization.CultureInfo.InvariantCulture, out var left)
                    && int.TryParse(Evaluate(arguments[1], module, template), System.Globalization.CultureInfo.InvariantCulture, out var right)
                    ? (left + right).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : DeploymentValue;
            case "equals":
                return Evaluate(arguments[0], module, template) == Evaluate(arguments[1], module, template) ? "true" : "false";
            case "if":
                return Evaluate(arguments[0], module, template) switch
                {
                    "true" => Evaluate(arguments[1], module, template),
                    "false" => Evaluate(arguments[2], module, template),
                    _ => DeploymentValue,
                };
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

    [GeneratedRegex(@"^([A-Za-z]+)\((.*)\)$", RegexOptions.Singleline)]
    private static partial Regex Call();

    [GeneratedRegex(@"variables\('([A-Za-z]+)'\)")]
    private static partial Regex VariableReference();
}
