using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ActorRisk.Silo.Tests.Support;

/// <summary>
/// The summaries of properties as written in src/: the build makes no XML documentation file (it would also feed the
/// OpenAPI document), so they are read from the source, one line of Markdown each.
/// </summary>
public sealed partial class SourceDocComments
{
    private readonly Dictionary<Type, string> declarations = [];

    private SourceDocComments(IReadOnlyList<(string Path, string Text)> files) => Files = files;

    /// <summary>Every C# file under src/ (build output left out), by its path from the repository root.</summary>
    public IReadOnlyList<(string Path, string Text)> Files { get; }

    public static SourceDocComments Load()
    {
        var src = Path.Combine(Repository.Root(), "src");
        var separator = Path.DirectorySeparatorChar;
        return new([.. Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !p.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => (Path.GetRelativePath(Repository.Root(), p).Replace('\\', '/'), File.ReadAllText(p).ReplaceLineEndings("\n")))]);
    }

    /// <summary>The property's summary as Markdown on one line, or null when it has none.</summary>
    public string? Summary(PropertyInfo property)
    {
        var declaring = property.DeclaringType!;
        var body = Declaration(declaring);
        var match = Regex.Match(body, $@"(?<doc>(?:^[ \t]*///[^\n]*\n)+)(?:^[ \t]*\[[^\n]*\][ \t]*\n)*^[ \t]*public\s+[^\n;=]*?\b{property.Name}\s*\{{", RegexOptions.Multiline);
        if (!match.Success)
        {
            return null;
        }

        var xml = string.Join("\n", match.Groups["doc"].Value.Split('\n').Select(line => DocLinePrefix().Replace(line, "")));
        var summary = XElement.Parse($"<doc>{xml}</doc>").Element("summary");
        return summary is null ? null : Whitespace().Replace(Markdown(summary), " ").Trim();
    }

    // The type's source from its declaration to the next type's (one file may declare several options classes).
    private string Declaration(Type type)
    {
        if (declarations.TryGetValue(type, out var known))
        {
            return known;
        }

        var candidates = Files
            .Where(f => f.Text.Contains($"namespace {type.Namespace};", StringComparison.Ordinal))
            .Select(f => (f.Text, Start: Regex.Match(f.Text, $@"^(?:public|internal) (?:sealed |static |partial )*(?:class|record) {type.Name}\b", RegexOptions.Multiline)))
            .Where(c => c.Start.Success)
            .ToList();
        Assert.True(candidates.Count == 1, $"{type.FullName} is declared in {candidates.Count} files under src/");
        var (text, start) = candidates[0];
        var next = TypeDeclaration().Match(text, start.Index + start.Length);
        var body = text[start.Index..(next.Success ? next.Index : text.Length)];
        declarations[type] = body;
        return body;
    }

    private static string Markdown(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(node switch
            {
                XText plain => plain.Value,
                XElement { Name.LocalName: "c" } code => $"`{code.Value}`",
                XElement { Name.LocalName: "see" } see => see.Attribute("langword")?.Value ?? see.Attribute("cref")!.Value.Split('.')[^1],
                XElement { Name.LocalName: "paramref" or "typeparamref" } reference => reference.Attribute("name")!.Value,
                XElement other => Markdown(other),
                _ => "",
            });
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^[ \t]*/// ?")]
    private static partial Regex DocLinePrefix();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?:public|internal) (?:sealed |static |abstract |partial )*(?:class|record|struct|enum|interface) ", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
