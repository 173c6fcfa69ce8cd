using System.Text.RegularExpressions;

namespace ActorRisk.Deployment.Tests;

/// <summary>
/// The relative links of README.md, CHANGELOG.md and docs/ lead somewhere: the file exists, and a #section is a heading
/// of it (GitHub's anchors: lower case, punctuation dropped, spaces to dashes). The runbook and the deployment guide
/// link each other and the templates' descriptions link them, so a renamed heading must not leave a dead link.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    [Fact]
    public void EveryRelativeLinkReachesAFileAndAHeading()
    {
        var documents = Directory.GetFiles(Repository.File("docs"), "*.md").Append(Repository.File("README.md")).Append(Repository.File("CHANGELOG.md")).ToList();
        var dead = new List<string>();

        foreach (var document in documents)
        {
            foreach (Match link in Link().Matches(File.ReadAllText(document)))
            {
                var target = link.Groups["path"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var file = target.Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, target));
                var anchor = link.Groups["anchor"].Value;
                if (!File.Exists(file) && !Directory.Exists(file))
                {
                    dead.Add($"{Path.GetFileName(document)}: {link.Value} (no {target})");
                }
                else if (anchor.Length > 0 && file.EndsWith(".md", StringComparison.Ordinal) && !Anchors(file).Contains(anchor))
                {
                    dead.Add($"{Path.GetFileName(document)}: {link.Value} (no heading #{anchor})");
                }
            }
        }

        Assert.True(dead.Count == 0, string.Join('\n', dead));
    }

    [Fact]
    public void AnchorsAreGitHubs()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("actorrisk-anchors-").FullName, "doc.md");
        File.WriteAllText(file, "# Title\n## Alerts: what each means and what to do\n### 503 answers\n### The portal behind a proxy or load balancer\n```\n# not a heading\n```\n");

        Assert.Equal(
            ["503-answers", "alerts-what-each-means-and-what-to-do", "the-portal-behind-a-proxy-or-load-balancer", "title"],
            Anchors(file).Order(StringComparer.Ordinal));
    }

    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inCode = false;
        foreach (var line in File.ReadLines(markdown))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }
            else if (!inCode && Heading().Match(line) is { Success: true } heading)
            {
                var text = heading.Groups["text"].Value.Trim().ToLowerInvariant();
                anchors.Add(NotInAnchor().Replace(text, "").Replace(' ', '-'));
            }
        }

        return anchors;
    }

    [GeneratedRegex(@"\]\((?<path>[^)#\s]*)(#(?<anchor>[^)\s]+))?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex NotInAnchor();
}
