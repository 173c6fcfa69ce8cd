using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ActorRisk.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// docs/configuration.md prints <see cref="ConfigurationReference"/>: every key of the options the host binds (default
/// from a new instance, meaning from the property's doc comment, what the shipped appsettings.json changes) and every
/// key it reads by itself. Every configuration read in src/ must be in the reference, and everything in it read.
/// </summary>
public sealed partial class ConfigurationReferenceTests
{
    private const string ListIndex = "N";
    private const string DictionaryKey = "<name>";
    private const string None = "none";

    // The old runtime's keys, which the docs name only to say what replaced them.
    private const string RemovedSection = "ActorRisk:Runtime:";

    private static readonly SourceDocComments Docs = SourceDocComments.Load();
    private static readonly Lazy<List<Type>> Types = new(ActorRiskTypes);

    [Fact]
    public async Task DocsPrintTheReference()
    {
        var expected = Render(Settings()).ReplaceLineEndings("\n").Trim();

        var docs = await Repository.ReadAsync("docs", "configuration.md");
        var printed = PrintedReference().Match(docs);

        Assert.True(printed.Success, "docs/configuration.md has no block between <!-- configuration --> and <!-- /configuration -->");
        Assert.True(expected == printed.Groups["reference"].Value.ReplaceLineEndings("\n").Trim(), $"docs/configuration.md should print, between the markers:\n{expected}");
    }

    [Fact]
    public void EveryBoundSettingHasADocComment()
    {
        var undocumented = BoundSettings()
            .Where(s => s.Meaning is null)
            .Select(s => $"{s.Key} ({s.Property!.DeclaringType!.Name}.{s.Property.Name})")
            .ToList();

        Assert.True(undocumented.Count == 0, $"add a /// <summary> to the options properties of: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void EveryConfigurationReadInTheSourceIsInTheReferenceAndEveryEntryIsRead()
    {
        var reads = SourceReads();
        var documented = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        documented.UnionWith(ConfigurationReference.Options.Select(o => o.Section));
        documented.UnionWith(ConfigurationReference.Keys.SelectMany(k => new[] { k.Key, k.EnvironmentVariable }));
        documented.UnionWith(BoundSettings().Select(s => s.Key));

        Assert.True(reads.Count >= 12, $"only {reads.Count} configuration reads found in src/: has the way the host reads configuration changed?");
        var unknown = reads.Where(r => !documented.Contains(r.Key)).Select(r => r.ToString()).ToList();
        Assert.True(unknown.Count == 0, $"read in src/ but not in ConfigurationReference: {string.Join("; ", unknown)}");
        var misbound = reads.Where(r => r.Type is not null && !ConfigurationReference.Options.Any(o => Same(o.Section, r.Key) && CSharpName(o.Type) == r.Type)).Select(r => r.ToString()).ToList();
        Assert.True(misbound.Count == 0, $"bound in src/ as no ConfigurationReference.Options entry says: {string.Join("; ", misbound)}");

        var unread = ConfigurationReference.Options.Select(o => o.Section)
            .Concat(ConfigurationReference.Keys.Select(k => k.Key))
            .Where(key => !reads.Any(r => Same(r.Key, key)))
            .ToList();
        Assert.True(unread.Count == 0, $"in ConfigurationReference but read nowhere in src/: {string.Join(", ", unread)}");
    }

    [Fact]
    public void EverySwitchAndEveryKeyTheShippedAppSettingsSetIsDocumented()
    {
        var keys = AllKeyPatterns();
        Assert.All(SiloApplication.SwitchMappings.Values, key => Assert.Contains(keys, k => k.IsMatch(key)));

        var shipped = ShippedAppSettings().AsEnumerable(makePathsRelative: false)
            .Where(e => e.Value is not null && !e.Key.StartsWith("Logging:", StringComparison.Ordinal) && e.Key != "AllowedHosts")
            .Select(e => e.Key)
            .ToList();
        Assert.NotEmpty(shipped);
        Assert.All(shipped, key => Assert.True(keys.Any(k => k.IsMatch(key)), $"src/ActorRisk.Silo/appsettings.json sets {key}, which nothing reads"));
    }

    [Fact]
    public async Task EveryKeyTheDocsNameIsInTheReference()
    {
        var keysAndSections = AllKeyPatterns(withSections: true);
        var named = new List<string>();
        foreach (var page in Directory.EnumerateFiles(Path.Combine(Repository.Root(), "docs"), "*.md").Append(Path.Combine(Repository.Root(), "README.md")))
        {
            var text = await File.ReadAllTextAsync(page);
            named.AddRange(NamedKey().Matches(text)
                .Select(m => m.Groups["key"].Value)
                .Where(key => !key.StartsWith(RemovedSection, StringComparison.Ordinal))
                .Select(key => $"{key} ({Path.GetFileName(page)})"));
        }

        Assert.True(named.Count >= 20, $"only {named.Count} keys named in the docs: has the pattern stopped matching them?");
        var unknown = named
            .Where(n => !keysAndSections.Any(k => k.IsMatch(n[..n.IndexOf(' ', StringComparison.Ordinal)])))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(unknown.Count == 0, $"the docs name keys the host does not read: {string.Join(", ", unknown)}");
    }

    private static List<Setting> Settings()
    {
        var shipped = ShippedAppSettings();
        var settings = BoundSettings().ToList();
        settings.AddRange(ConfigurationReference.Keys.Select(k => new Setting(k.Key, k.EnvironmentVariable, k.Type, k.Default is null ? None : $"`{k.Default}`", k.Meaning, null, null)));
        return [.. settings.Select(s => s with { Default = WithShipped(s, shipped) })];
    }

    private static IEnumerable<Setting> BoundSettings() => ConfigurationReference.Options.SelectMany(o => Walk(o.Section, o.Type, null));

    // The options' keys, depth first: scalars are rows; lists and dictionaries add an index or a name to the key; other
    // classes are sections of their own, introduced by the summary of the property that holds them.
    private static IEnumerable<Setting> Walk(string path, Type type, object? defaults, string? intro = null, PropertyInfo? holder = null)
    {
        if (Element(type, out var element, out var placeholder))
        {
            var elementDefaults = TypeName(element) is null ? Instance(element) : defaults;
            return Walk($"{path}:{placeholder}", element, elementDefaults, intro, holder);
        }

        if (TypeName(type) is { } scalar)
        {
            var meaning = holder is null ? null : Docs.Summary(holder);
            return [new Setting(path, path.Replace(":", "__", StringComparison.Ordinal), scalar, Format(defaults), meaning, holder, intro)];
        }

        var instance = defaults ?? Instance(type);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .SelectMany(p => Walk($"{path}:{p.Name}", p.PropertyType, p.GetValue(instance), HoldsSection(p.PropertyType) ? Docs.Summary(p) : intro, p));
    }

    private static bool HoldsSection(Type type) => TypeName(Element(type, out var element, out _) ? element : type) is null;

    private static bool Element(Type type, out Type element, out string placeholder)
    {
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : null;
        (element, placeholder) = generic == typeof(List<>) ? (type.GetGenericArguments()[0], ListIndex)
            : generic == typeof(Dictionary<,>) ? (type.GetGenericArguments()[1], DictionaryKey)
            : (typeof(void), "");
        if (element == typeof(void) && type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            throw new NotSupportedException($"{CSharpName(type)}: say here which keys the binder reads for it");
        }

        return element != typeof(void);
    }

    private static object? Instance(Type type) => TypeName(type) is null ? Activator.CreateInstance(type) : null;

    private static string? TypeName(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => "string",
        var t when t == typeof(int) => "int",
        var t when t == typeof(long) => "long",
        var t when t == typeof(bool) => "bool",
        var t when t == typeof(decimal) => "decimal",
        var t when t == typeof(TimeSpan) => "TimeSpan",
        var t when t == typeof(Uri) => "URI",
        var t when t.IsEnum || t.IsPrimitive => throw new NotSupportedException($"{t.Name}: say here how docs/configuration.md names it"),
        _ => null,
    };

    private static string Format(object? value) => value switch
    {
        null or "" => None,
        TimeSpan span => $"`{span.ToString("c", CultureInfo.InvariantCulture)}`",
        bool flag => flag ? "`true`" : "`false`",
        IDictionary { Count: 0 } or ICollection { Count: 0 } => None,
        IDictionary entries => string.Join(", ", entries.Keys.Cast<object>().Select(k => $"{k} {Format(entries[k])}")),
        ICollection items => string.Join(", ", items.Cast<object>().Select(Format)),
        IFormattable number => $"`{number.ToString(null, CultureInfo.InvariantCulture)}`",
        _ => $"`{value}`",
    };

    // What the shipped appsettings.json sets, beside the code's default when it differs.
    private static string WithShipped(Setting setting, IConfiguration shipped)
    {
        var shippedValue = setting.Key.EndsWith($":{DictionaryKey}", StringComparison.Ordinal)
            ? string.Join(", ", shipped.GetSection(setting.Key[..^(DictionaryKey.Length + 1)]).GetChildren().Select(c => $"{c.Key} {c.Value}"))
            : setting.Key.Contains($":{ListIndex}", StringComparison.Ordinal) ? null : shipped[setting.Key];
        return string.IsNullOrEmpty(shippedValue) || setting.Default == $"`{shippedValue}`"
            ? setting.Default
            : $"{setting.Default}; appsettings.json: {shippedValue}";
    }

    private static IConfiguration ShippedAppSettings() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(Repository.Root(), "src", "ActorRisk.Silo", "appsettings.json"), optional: false).Build();

    private static string Render(IEnumerable<Setting> settings)
    {
        var switches = SiloApplication.SwitchMappings.ToLookup(m => m.Value, m => m.Key, StringComparer.OrdinalIgnoreCase);
        var text = new StringBuilder();
        foreach (var section in settings.GroupBy(s => s.Section).OrderBy(g => g.Key.Length == 0 ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine().AppendLine(section.Key.Length == 0 ? "### Host" : $"### `{section.Key}`").AppendLine();
            if (section.Select(s => s.Intro).FirstOrDefault(i => i is not null) is { } intro)
            {
                text.AppendLine(intro).AppendLine();
            }

            text.AppendLine("| key | environment variable | type | default | meaning |").AppendLine("|---|---|---|---|---|");
            foreach (var setting in section.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase))
            {
                var key = string.Join(" ", [$"`{setting.Key}`", .. switches[setting.Key].Select(s => $"(`{s}`)")]);
                text.AppendLine($"| {key} | `{setting.EnvironmentVariable}` | {setting.Type} | {setting.Default} | {setting.Meaning?.Replace("|", "\\|", StringComparison.Ordinal)} |");
            }
        }

        return text.ToString();
    }

    // Each documented key as a pattern its concrete forms match (ActorRisk:ApiKeys:0:Name), with the sections above it
    // when asked (ActorRisk:ApiKeys, ActorRisk:ApiKeys:0).
    private static List<Regex> AllKeyPatterns(bool withSections = false) =>
        [.. BoundSettings().Select(s => s.Key)
            .Concat(ConfigurationReference.Keys.Select(k => k.Key))
            .SelectMany(key => withSections ? key.Split(':').Select((_, i) => string.Join(':', key.Split(':')[..(i + 1)])) : [key])
            .Distinct(StringComparer.Ordinal)
            .Select(key => new Regex($"^{string.Join(':', key.Split(':').Select(SegmentPattern))}$", RegexOptions.IgnoreCase))];

    private static string SegmentPattern(string segment) => segment switch
    {
        ListIndex => $@"(?:\d+|{ListIndex})",
        DictionaryKey => "[^:]+",
        _ => Regex.Escape(segment),
    };

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    // Every place src/ reads configuration, with the key its argument names (a literal or a constant), and the options
    // type when the same expression binds one.
    private static List<ConfigurationRead> SourceReads()
    {
        var reads = new List<ConfigurationRead>();
        foreach (var (path, text) in Docs.Files)
        {
            foreach (Match match in ConfigurationReadPattern().Matches(text))
            {
                var key = Resolve(match.Groups["key"].Value.Trim(), path);
                var prefix = match.Groups["call"].Value == "GetConnectionString" ? "ConnectionStrings:" : "";
                var type = match.Groups["type"].Success ? match.Groups["type"].Value : match.Groups["configured"].Success ? match.Groups["configured"].Value : null;
                reads.Add(new ConfigurationRead(path, prefix + key, type));
            }
        }

        return reads;
    }

    private static string Resolve(string expression, string path)
    {
        if (expression.StartsWith('"') && expression.EndsWith('"'))
        {
            return expression[1..^1];
        }

        Assert.True(IdentifierChain().IsMatch(expression), $"{path} reads configuration at {expression}: name the key with a literal or a constant so this test can check it");
        var names = expression.Split('.');
        var types = Types.Value;
        var candidates = types.Where(t => t.Name == names[0]).Select(t => (Value: (object?)null, Type: t, Members: names[1..]))
            .Concat(types.Select(t => (Value: StaticValue(t, names[0]), Type: t, Members: names[1..])).Where(c => c.Value is not null))
            .Select(c => Follow(c.Value, c.Type, c.Members))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(candidates.Count == 1, $"{path} reads configuration at {expression}, which names {candidates.Count} keys: {string.Join(", ", candidates)}");
        return candidates[0];
    }

    private static object? Follow(object? value, Type type, string[] members)
    {
        foreach (var name in members)
        {
            value = value is null ? StaticValue(type, name) : value.GetType().GetProperty(name)?.GetValue(value);
            if (value is null)
            {
                return null;
            }

            type = value.GetType();
        }

        return value;
    }

    private static object? StaticValue(Type type, string name)
    {
        const BindingFlags statics = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return type.GetField(name, statics)?.GetValue(null) ?? type.GetProperty(name, statics)?.GetValue(null);
    }

    private static List<Type> ActorRiskTypes()
    {
        var assemblies = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(SiloApplication).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (assemblies.TryAdd(assembly.GetName().Name!, assembly))
            {
                foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("ActorRisk.", StringComparison.Ordinal)))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        return [.. assemblies.Values.SelectMany(a => a.GetTypes()).Where(t => !t.IsGenericTypeDefinition)];
    }

    private static string CSharpName(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(CSharpName))}>" : type.Name;

    [GeneratedRegex(@"<!-- configuration -->(?<reference>.*?)<!-- /configuration -->", RegexOptions.Singleline)]
    private static partial Regex PrintedReference();

    [GeneratedRegex(@"(?:Configure<(?<configured>\w+)>\(\s*[\w.]*?)?(?:\.|\b)(?<call>GetSection|GetRequiredSection|GetConnectionString|GetValue<[^>]+>)\((?<key>[^(),]+)[,)](?:\s*\.Get<(?<type>[\w<>, ]+)>\(\))?|[Cc]onfiguration\[(?<key>[^\]]+)\]")]
    private static partial Regex ConfigurationReadPattern();

    // A key in backticks, as the docs name them.
    [GeneratedRegex(@"`(?<key>(?:ActorRisk|ConnectionStrings)(?::[\w<>]+)+)`")]
    private static partial Regex NamedKey();

    [GeneratedRegex(@"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$")]
    private static partial Regex IdentifierChain();

    /// <summary>A row of the reference: one key, in the section its table has.</summary>
    private sealed record Setting(string Key, string EnvironmentVariable, string Type, string Default, string? Meaning, PropertyInfo? Property, string? Intro)
    {
        public string Section
        {
            get
            {
                var named = Key.Split(':').Where(s => s is not (ListIndex or DictionaryKey)).ToArray();
                return string.Join(':', named[..^1]);
            }
        }
    }

    private sealed record ConfigurationRead(string Path, string Key, string? Type)
    {
        public override string ToString() => $"{Key}{(Type is null ? "" : $" as {Type}")} ({Path})";
    }
}
