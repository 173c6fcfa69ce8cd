using System.Reflection;
using Orleans.CodeGeneration;

namespace ActorRisk.Grains.Tests.References;

/// <summary>
/// Old and new silos run side by side during a rolling upgrade, so a grain interface may only grow: every method of a
/// recorded version stays, with the same alias and signature, and an interface that gains methods gains a version
/// (<see cref="VersionAttribute"/>), so Orleans places the new calls on silos that know them. grain-interfaces.txt
/// records each interface as released; a change that keeps these rules updates it.
/// </summary>
public sealed class GrainInterfaceContractTests
{
    private static readonly string Recorded = Path.Combine(AppContext.BaseDirectory, "References", "grain-interfaces.txt");

    [Fact]
    public void EveryGrainInterfaceKeepsItsRecordedMethodsAndGainsAVersionWithNewOnes()
    {
        var recorded = Parse(File.ReadAllLines(Recorded));
        var current = Current();
        var problems = new List<string>();
        foreach (var (name, before) in recorded)
        {
            if (!current.TryGetValue(name, out var now))
            {
                problems.Add($"{name} was removed: old silos and clients still call it.");
                continue;
            }

            problems.AddRange(before.Methods.Except(now.Methods).Select(m => $"{name}: {m} was removed or changed; old callers still send it."));
            if (now.Version < before.Version)
            {
                problems.Add($"{name}: version {now.Version} is lower than the recorded {before.Version}.");
            }
            else if (now.Version == before.Version && !now.Methods.SetEquals(before.Methods))
            {
                problems.Add($"{name}: methods were added without a new [Version] (recorded {before.Version}).");
            }
        }

        var expected = string.Join('\n', current.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => Describe(c.Key, c.Value)));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(
            expected == string.Join('\n', File.ReadAllLines(Recorded).Where(l => l.Length > 0 && !l.StartsWith('#'))),
            $"Record the interfaces as they are now in tests/ActorRisk.Grains.Tests/References/grain-interfaces.txt:\n{expected}");
    }

    private static Dictionary<string, Contract> Current() =>
        typeof(ICardGrain).Assembly.GetTypes().Concat(typeof(ActorRisk.Grains.Merchants.MerchantGrain).Assembly.GetTypes())
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t) && t.GetCustomAttribute<AliasAttribute>() is not null)
            .ToDictionary(
                t => t.GetCustomAttribute<AliasAttribute>()!.Alias,
                t => new Contract(
                    t.GetCustomAttribute<VersionAttribute>()?.Version ?? 0,
                    t.GetMethods().Select(Signature).ToHashSet(StringComparer.Ordinal)),
                StringComparer.Ordinal);

    private static string Signature(MethodInfo method) =>
        $"{method.GetCustomAttribute<AliasAttribute>()?.Alias ?? "(no alias)"}: {Name(method.ReturnType)} {method.Name}({string.Join(", ", method.GetParameters().Select(p => Name(p.ParameterType)))})";

    private static string Name(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>" : type.Name;

    private static IEnumerable<string> Describe(string name, Contract contract) =>
        [$"{name} version {contract.Version}", .. contract.Methods.Order(StringComparer.Ordinal).Select(m => "  " + m)];

    private static Dictionary<string, Contract> Parse(string[] lines)
    {
        var contracts = new Dictionary<string, Contract>(StringComparer.Ordinal);
        string? name = null;
        foreach (var line in lines.Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (!line.StartsWith("  ", StringComparison.Ordinal))
            {
                var parts = line.Split(" version ");
                name = parts[0];
                contracts[name] = new Contract(ushort.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), new HashSet<string>(StringComparer.Ordinal));
            }
            else
            {
                contracts[name!].Methods.Add(line.Trim());
            }
        }

        return contracts;
    }

    private sealed record Contract(ushort Version, HashSet<string> Methods);
}
