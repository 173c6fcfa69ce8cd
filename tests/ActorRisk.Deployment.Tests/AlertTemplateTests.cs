using System.Text;
using System.Text.RegularExpressions;

namespace ActorRisk.Deployment.Tests;

/// <summary>
/// The alert rules and the action group of infra/modules/alerts.bicep as `bicep snapshot` predicts them: the queries
/// name only instruments and tag values that docs/telemetry.md documents (a renamed metric or tag breaks this test, not
/// the alert in production), every rule notifies the action group, and every description links its runbook section.
/// </summary>
public sealed partial class AlertTemplateTests
{
    private const string RuleType = "Microsoft.Insights/scheduledQueryRules";

    private const string ActionGroupType = "Microsoft.Insights/actionGroups";

    /// <summary>The rules the runbook describes, by the end of their names, with their severities (0 critical to 4).</summary>
    private static readonly Dictionary<string, int> Severities = new(StringComparer.Ordinal)
    {
        ["api-unavailable"] = 1,
        ["server-errors"] = 2,
        ["webhook-failed"] = 2,
        ["outbox-age"] = 2,
        ["forwarder-dropped"] = 1,
        ["unknown-api-keys"] = 2,
        ["cards-blocked"] = 2,
        ["silos-missing"] = 2,
        ["backup-missing"] = 2,
    };

    [Fact]
    public async Task TheRulesAreTheOnesTheRunbookDescribesWithTheirSeverities()
    {
        var rules = (await DeploymentSnapshot.OfAsync()).OfType(RuleType).ToList();

        Assert.Equal(Severities.Keys.Order(StringComparer.Ordinal), rules.Select(Suffix).Order(StringComparer.Ordinal));
        foreach (var rule in rules)
        {
            Assert.Equal(Severities[Suffix(rule)], rule["properties"]!["severity"]!.GetValue<int>());
            Assert.Equal("LogAlert", rule["kind"]!.GetValue<string>());
            Assert.True(rule["properties"]!["enabled"]!.GetValue<bool>(), $"{rule["name"]} is disabled by default.");
            Assert.True(rule["properties"]!["autoMitigate"]!.GetValue<bool>(), $"{rule["name"]} does not resolve itself.");
            // The backup runs nightly: an hourly look is enough for it.
            Assert.Equal(Suffix(rule) == "backup-missing" ? "PT1H" : "PT5M", rule["properties"]!["evaluationFrequency"]!.GetValue<string>());
            Assert.True(rule["properties"]!["skipQueryValidation"]!.GetValue<bool>(), $"{rule["name"]} would fail a provision on a workspace without the Application Insights tables yet.");
        }
    }

    [Fact]
    public async Task EveryRuleQueriesTheWorkspaceAndNotifiesTheActionGroup()
    {
        var snapshot = await DeploymentSnapshot.OfAsync();
        var group = Assert.Single(snapshot.OfType(ActionGroupType));
        var workspace = Assert.Single(snapshot.OfType("Microsoft.OperationalInsights/workspaces"));

        foreach (var rule in snapshot.OfType(RuleType))
        {
            var properties = rule["properties"]!;
            Assert.Equal([group["id"]!.GetValue<string>()], properties["actions"]!["actionGroups"]!.AsArray().Select(id => id!.GetValue<string>()));
            Assert.Equal([workspace["id"]!.GetValue<string>()], properties["scopes"]!.AsArray().Select(id => id!.GetValue<string>()));
            Assert.Equal(workspace["location"]!.GetValue<string>(), rule["location"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task EveryQueryNamesOnlyDocumentedInstrumentsAndTagValues()
    {
        var documented = TelemetryDoc.Read();

        foreach (var rule in (await DeploymentSnapshot.OfAsync()).OfType(RuleType))
        {
            var problems = QueryProblems(Query(rule), documented);

            Assert.True(problems.Count == 0, $"{rule["name"]}:\n{string.Join('\n', problems)}\n{Query(rule)}");
        }
    }

    [Fact]
    public void TheQueryCheckFindsARenamedInstrumentATagAndAValueTheDocDoesNotList()
    {
        // The test above means something only if the check fails a query that drifted from docs/telemetry.md.
        var documented = TelemetryDoc.Read();
        Assert.Contains("failed", documented["actorrisk.alerts.webhook.deliveries"].Tags["outcome"]);
        Assert.Contains("http.route", documented["http.server.request.duration"].Tags.Keys);
        Assert.Contains("orleans-app-requests-latency-count", documented.Keys);

        Assert.Empty(QueryProblems("AppMetrics | where Name == \"actorrisk.forwarder.handovers\" and tostring(Properties[\"outcome\"]) == \"dropped\" | summarize Value = sum(Sum)", documented));
        Assert.NotEmpty(QueryProblems("AppMetrics | where Name == \"actorrisk.forwarder.handover\" | summarize Value = sum(Sum)", documented));
        Assert.NotEmpty(QueryProblems("AppMetrics | where Name == \"actorrisk.forwarder.handovers\" and tostring(Properties[\"result\"]) == \"dropped\" | summarize Value = sum(Sum)", documented));
        Assert.NotEmpty(QueryProblems("AppMetrics | where Name == \"actorrisk.forwarder.handovers\" and tostring(Properties[\"outcome\"]) == \"lost\" | summarize Value = sum(Sum)", documented));
        Assert.NotEmpty(QueryProblems("AppMetrics | where Name in (\"actorrisk.forwarder.handovers\", \"actorrisk.api.unavailabe\") | summarize Value = sum(Sum)", documented));
        Assert.NotEmpty(QueryProblems("AppMetrics | summarize Value = sum(Sum)", documented));
        Assert.NotEmpty(QueryProblems("AppMetrics | where Name == \"actorrisk.cards.blocked\" | summarize Value = sum(Sum", documented));
    }

    [Fact]
    public async Task EveryDescriptionLinksAnAlertSectionOfTheRunbook()
    {
        var sections = RunbookAlertSections();
        Assert.NotEmpty(sections);

        foreach (var rule in (await DeploymentSnapshot.OfAsync()).OfType(RuleType))
        {
            var description = rule["properties"]!["description"]!.GetValue<string>();
            var link = Assert.Single(RunbookLink().Matches(description));

            Assert.True(sections.Contains(link.Groups[1].Value), $"{rule["name"]} links docs/operations.md#{link.Groups[1].Value}, which is no section under \"Alerts: what each means and what to do\".");
            Assert.Equal(link.Groups[1].Value, RunbookAnchors[Suffix(rule)]);
        }
    }

    [Fact]
    public async Task ByDefaultTheActionGroupHasNoEmailReceiver()
    {
        var group = Assert.Single((await DeploymentSnapshot.OfAsync()).OfType(ActionGroupType));

        Assert.Empty(group["properties"]!["emailReceivers"]!.AsArray());
    }

    [Fact]
    public async Task AnAlertEmailBecomesTheActionGroupsOnlyEmailReceiver()
    {
        var snapshot = await DeploymentSnapshot.OfAsync(new Dictionary<string, object> { ["alertEmail"] = "risk-ops@example.com" });
        var group = Assert.Single(snapshot.OfType(ActionGroupType));

        var receiver = Assert.Single(group["properties"]!["emailReceivers"]!.AsArray());
        Assert.Equal("risk-ops@example.com", receiver!["emailAddress"]!.GetValue<string>());
        Assert.True(receiver["useCommonAlertSchema"]!.GetValue<bool>());
        Assert.Equal(Severities.Count, snapshot.OfType(RuleType).Count());
    }

    [Fact]
    public async Task AlertsDisabledKeepsTheRulesButTurnsThemOff()
    {
        var rules = (await DeploymentSnapshot.OfAsync(new Dictionary<string, object> { ["alertsEnabled"] = false })).OfType(RuleType).ToList();

        Assert.Equal(Severities.Count, rules.Count);
        Assert.All(rules, rule => Assert.False(rule["properties"]!["enabled"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task ThresholdsComeFromTheirParameters()
    {
        var snapshot = await DeploymentSnapshot.OfAsync(new Dictionary<string, object>
        {
            ["alertUnavailableSharePercent"] = 3,
            ["alertServerErrorSharePercent"] = 4,
            ["alertOutboxAgeSeconds"] = 600,
            ["alertUnknownKeyPer5Minutes"] = 7,
            ["alertCardsBlockedPer5Minutes"] = 90,
        });
        var thresholds = snapshot.OfType(RuleType).ToDictionary(Suffix, rule => rule["properties"]!["criteria"]!["allOf"]![0]!["threshold"]!.GetValue<double>());

        Assert.Equal(3, thresholds["api-unavailable"]);
        Assert.Equal(4, thresholds["server-errors"]);
        Assert.Equal(600, thresholds["outbox-age"]);
        Assert.Equal(7, thresholds["unknown-api-keys"]);
        Assert.Equal(90, thresholds["cards-blocked"]);
        Assert.Equal(0, thresholds["webhook-failed"]);
        Assert.Equal(0, thresholds["forwarder-dropped"]);
    }

    [Fact]
    public async Task TheSiloRuleExpectsEverySiloAppByItsServiceName()
    {
        var parameters = new Dictionary<string, object> { ["siloCount"] = 2 };
        var snapshot = await DeploymentSnapshot.OfAsync(parameters);
        var silos = (await SiloTemplate.CompileAllAsync(parameters)).Where(app => app.Role == "silo").ToList();
        var rule = Assert.Single(snapshot.OfType(RuleType), r => Suffix(r) == "silos-missing");

        // The apps export under OTEL_SERVICE_NAME, which Application Insights keeps as AppRoleName.
        Assert.All(silos, silo => Assert.Equal(silo.Name, silo.Settings.Single(s => s.Name == "OTEL_SERVICE_NAME").Value));
        var names = Assert.Single(SiloNames().Matches(Query(rule))).Groups[1].Value;
        Assert.Equal(silos.Select(silo => silo.Name).Order(StringComparer.Ordinal), StringLiterals(names).Order(StringComparer.Ordinal));
        var criterion = rule["properties"]!["criteria"]!["allOf"]![0]!;
        Assert.Equal(2, criterion["threshold"]!.GetValue<double>());
        Assert.Equal("LessThan", criterion["operator"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryQueryEndsInTheMeasuredColumn()
    {
        foreach (var rule in (await DeploymentSnapshot.OfAsync()).OfType(RuleType))
        {
            var criterion = rule["properties"]!["criteria"]!["allOf"]![0]!;
            var last = Query(rule).Trim().Split('\n')[^1];

            Assert.Equal("Value", criterion["metricMeasureColumn"]!.GetValue<string>());
            Assert.Matches(@"^\| (summarize|project) Value = ", last);
        }
    }

    private static readonly Dictionary<string, string> RunbookAnchors = new(StringComparer.Ordinal)
    {
        ["api-unavailable"] = "503-answers",
        ["server-errors"] = "server-errors",
        ["webhook-failed"] = "webhook-alerts-given-up",
        ["outbox-age"] = "outbox-backlog",
        ["forwarder-dropped"] = "forwarder-data-dropped",
        ["unknown-api-keys"] = "unknown-api-keys",
        ["cards-blocked"] = "card-blocks-surge",
        ["silos-missing"] = "silos-missing",
        ["backup-missing"] = "no-recent-backup",
    };

    /// <summary>What is wrong with a query against the documented instruments: nothing when the list is empty.</summary>
    private static List<string> QueryProblems(string query, IReadOnlyDictionary<string, TelemetryDoc.Instrument> documented)
    {
        var problems = new List<string>();
        if (!Balanced(query))
        {
            problems.Add("unbalanced quotes, parentheses or brackets");
        }

        var named = new List<string>();
        foreach (Match match in NameEquals().Matches(query))
        {
            named.Add(match.Groups[1].Value);
        }

        foreach (Match match in NameIn().Matches(query))
        {
            named.AddRange(StringLiterals(match.Groups[1].Value));
        }

        // Any literal that looks like an instrument's name, wherever it stands, is one the doc lists.
        named.AddRange(StringLiterals(query).Where(literal => literal.StartsWith("actorrisk.", StringComparison.Ordinal) || literal.StartsWith("orleans-", StringComparison.Ordinal)));
        problems.AddRange(named.Where(name => !documented.ContainsKey(name)).Distinct(StringComparer.Ordinal).Select(name => $"instrument {name} is not in docs/telemetry.md"));
        if (query.TrimStart().StartsWith("AppMetrics", StringComparison.Ordinal) && named.Count == 0)
        {
            problems.Add("an AppMetrics query that names no instrument");
        }

        var instruments = named.Where(documented.ContainsKey).Select(name => documented[name]).ToList();
        var accesses = TagAccess().Matches(query);
        if (accesses.Count != CountOf(query, "Properties"))
        {
            problems.Add("a use of Properties other than Properties[\"tag\"]");
        }

        foreach (Match access in accesses)
        {
            var tag = access.Groups["tag"].Value;
            var owners = instruments.Where(i => i.Tags.ContainsKey(tag)).ToList();
            if (owners.Count == 0)
            {
                problems.Add($"tag {tag} is on none of {string.Join(", ", instruments.Select(i => i.Name))} in docs/telemetry.md");
            }
            else if (access.Groups["value"].Success && !owners.Any(i => i.Tags[tag].Contains(access.Groups["value"].Value)))
            {
                problems.Add($"{tag} value {access.Groups["value"].Value} is not in docs/telemetry.md");
            }
        }

        return problems;
    }

    private static bool Balanced(string query)
    {
        var open = new Stack<char>();
        var inString = false;
        foreach (var c in query)
        {
            if (c == '"')
            {
                inString = !inString;
            }
            else if (inString)
            {
                continue;
            }
            else if (c is '(' or '[')
            {
                open.Push(c);
            }
            else if (c is ')' or ']' && (open.Count == 0 || open.Pop() != (c == ')' ? '(' : '[')))
            {
                return false;
            }
        }

        return !inString && open.Count == 0;
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var index = text.IndexOf(part, StringComparison.Ordinal); index >= 0; index = text.IndexOf(part, index + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static IEnumerable<string> StringLiterals(string text) => StringLiteral().Matches(text).Select(m => m.Groups[1].Value);

    private static string Query(JsonObject rule) => rule["properties"]!["criteria"]!["allOf"]![0]!["query"]!.GetValue<string>();

    /// <summary>The rule's name after alert-&lt;token&gt;-.</summary>
    private static string Suffix(JsonObject rule) => rule["name"]!.GetValue<string>().Split('-', 3)[2];

    /// <summary>The anchors of the level-3 headings under "Alerts: what each means and what to do" in docs/operations.md.</summary>
    private static HashSet<string> RunbookAlertSections()
    {
        var sections = new HashSet<string>(StringComparer.Ordinal);
        var inAlerts = false;
        foreach (var line in File.ReadLines(Repository.File("docs/operations.md")))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inAlerts = line == "## Alerts: what each means and what to do";
            }
            else if (inAlerts && line.StartsWith("### ", StringComparison.Ordinal))
            {
                sections.Add(Anchor(line[4..]));
            }
        }

        return sections;
    }

    /// <summary>GitHub's anchor of a heading: lower case, punctuation but hyphens and underscores dropped, spaces as hyphens.</summary>
    private static string Anchor(string heading)
    {
        var anchor = new StringBuilder();
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                anchor.Append(c);
            }
            else if (c == ' ')
            {
                anchor.Append('-');
            }
        }

        return anchor.ToString();
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9_])Name\s*==\s*""([^""]*)""")]
    private static partial Regex NameEquals();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])Name\s+in\s*\(([^)]*)\)")]
    private static partial Regex NameIn();

    [GeneratedRegex(@"Properties\[""(?<tag>[^""]+)""\](\)\s*(==|!=)\s*""(?<value>[^""]*)"")?")]
    private static partial Regex TagAccess();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"AppRoleName in \(([^)]*)\)")]
    private static partial Regex SiloNames();

    [GeneratedRegex(@"docs/operations\.md#([A-Za-z0-9_-]+)")]
    private static partial Regex RunbookLink();
}

/// <summary>
/// The instruments docs/telemetry.md lists in its tables: the name (the first column), and the tags with the values
/// the doc gives for each, from the tags column (`tag` (`value`, `value`)) or from "tags `a`, `b`" in another column.
/// </summary>
internal static partial class TelemetryDoc
{
    public sealed record Instrument(string Name, IReadOnlyDictionary<string, HashSet<string>> Tags);

    public static IReadOnlyDictionary<string, Instrument> Read()
    {
        var instruments = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        string[]? header = null;
        foreach (var line in File.ReadLines(Repository.File("docs/telemetry.md")))
        {
            if (!line.StartsWith('|'))
            {
                header = null;
                continue;
            }

            var cells = line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray();
            if (header is null)
            {
                header = [.. cells.Select(cell => cell.ToLowerInvariant())];
                continue;
            }

            if (cells[0].StartsWith("---", StringComparison.Ordinal) || header[0] != "name")
            {
                continue;
            }

            var tagsColumn = Array.IndexOf(header, "tags");
            var tags = tagsColumn >= 0
                ? Tags(cells[tagsColumn])
                : Tags(cells.Select(cell => cell.IndexOf("tags ", StringComparison.Ordinal) is var at and >= 0 ? cell[(at + 5)..] : "").FirstOrDefault(text => text.Length > 0) ?? "");
            foreach (var name in Names(cells[0]))
            {
                instruments[name] = new Instrument(name, tags);
            }
        }

        return instruments;
    }

    /// <summary>`a` / `-count`: the names in a first cell, a suffix replacing the first name's last part.</summary>
    private static IEnumerable<string> Names(string cell)
    {
        var names = Code().Matches(cell).Select(m => m.Groups[1].Value).ToList();
        foreach (var name in names)
        {
            yield return name.StartsWith('-') ? names[0][..names[0].LastIndexOf('-')] + name : name;
        }
    }

    /// <summary>`tag` (… `value`, `value` …), `tag`: a code span outside parentheses is a tag, inside one its value.</summary>
    private static Dictionary<string, HashSet<string>> Tags(string cell)
    {
        var tags = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        string? current = null;
        var depth = 0;
        for (var index = 0; index < cell.Length; index++)
        {
            switch (cell[index])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case '`':
                    var end = cell.IndexOf('`', index + 1);
                    var code = cell[(index + 1)..end];
                    if (depth == 0)
                    {
                        current = code;
                        tags[code] = new HashSet<string>(StringComparer.Ordinal);
                    }
                    else if (current is not null)
                    {
                        tags[current].Add(code);
                    }

                    index = end;
                    break;
            }
        }

        return tags;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
