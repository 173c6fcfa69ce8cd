using System.Text.RegularExpressions;

namespace ActorRisk.Deployment.Tests;

/// <summary>The instructions of the repository's Dockerfile that the tests hold the image to.</summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<(string Instruction, string Arguments)> lines) => Lines = lines;

    public IReadOnlyList<(string Instruction, string Arguments)> Lines { get; }

    /// <summary>The arguments of the RUN that publishes the silo, after "dotnet publish".</summary>
    public IReadOnlyList<string> PublishArguments =>
        Lines.Where(l => l.Instruction == "RUN" && l.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal))
            .Select(l => l.Arguments["dotnet publish ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Single();

    /// <summary>The runtime stage's ENTRYPOINT, exec form.</summary>
    public IReadOnlyList<string> Entrypoint =>
        System.Text.Json.JsonSerializer.Deserialize<List<string>>(Lines.Single(l => l.Instruction == "ENTRYPOINT").Arguments)!;

    /// <summary>Every ENV of the Dockerfile, in order (later ones win).</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (_, arguments) in Lines.Where(l => l.Instruction == "ENV"))
            {
                foreach (Match pair in EnvPair().Matches(arguments))
                {
                    environment[pair.Groups[1].Value] = pair.Groups[2].Value;
                }
            }

            return environment;
        }
    }

    public IReadOnlyList<int> ExposedPorts =>
        [.. Lines.Where(l => l.Instruction == "EXPOSE").SelectMany(l => l.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Reads a Dockerfile: comments dropped, continuation lines joined, each instruction with its arguments.</summary>
    public static Dockerfile Read(string path)
    {
        var lines = new List<(string, string)>();
        var current = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1].Trim() + " ";
                continue;
            }

            current += line;
            if (current.Length > 0)
            {
                var space = current.IndexOf(' ', StringComparison.Ordinal);
                lines.Add((current[..space].ToUpperInvariant(), current[(space + 1)..].Trim()));
            }

            current = "";
        }

        return new Dockerfile(lines);
    }

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(\S*)")]
    private static partial Regex EnvPair();
}
