using ActorRisk.Grains.Cards;

namespace ActorRisk.Grains.Tests.Serialization;

/// <summary>
/// Orleans passes domain values by reference inside a silo and never copies them (DomainSerialization's copier), and
/// grain state holds them between calls: that is only safe because every one of them is immutable.
/// </summary>
public sealed class DomainImmutabilityTests
{
    /// <summary>Types allowed to hold mutable state, and why; each must stay off every grain boundary (checked below).</summary>
    private static readonly Dictionary<Type, string> NotValues = new()
    {
        [typeof(CardRiskEngine)] = "a service built once per silo around its clock; grains call it, never send it",
        [typeof(MonthProjector)] = "a service built per call around the rulebook and clock; never sent or stored",
    };

    [Fact]
    public void EveryPublicDomainTypeIsImmutable()
    {
        var violations = SerializedTypes.Domain.GetExportedTypes()
            .Where(t => !NotValues.ContainsKey(t))
            .SelectMany(ImmutabilityRules.Violations);

        Assert.Empty(violations);
    }

    [Fact]
    public void EveryImmutableMessageIsImmutable()
    {
        // [Immutable] tells Orleans to skip the copy; a message that could change after sending would break that.
        var violations = SerializedTypes.All
            .Where(t => t.IsDefined(typeof(ImmutableAttribute), inherit: false))
            .SelectMany(ImmutabilityRules.Violations);

        Assert.Empty(violations);
    }

    [Fact]
    public void TypesExcludedAsServicesNeverCrossAGrainBoundary() =>
        Assert.Empty(NotValues.Keys.Where(DomainReach.Types.Contains).Select(t => t.FullName));

    [Fact]
    public void TheRulesCatchMutableTypes()
    {
        // The checks above must be able to fail: each of these breaks one rule, and an init-only record passes.
        Assert.Contains(ImmutabilityRules.Violations(typeof(WithSetter)), v => v.EndsWith("has a public setter", StringComparison.Ordinal));
        Assert.Contains(ImmutabilityRules.Violations(typeof(WithList)), v => v.EndsWith("a mutable collection", StringComparison.Ordinal));
        Assert.Contains(ImmutabilityRules.Violations(typeof(WithWritableField)), v => v.EndsWith("is not readonly", StringComparison.Ordinal));
        Assert.Contains(ImmutabilityRules.Violations(typeof(WithReadOnlyView)), v => v.EndsWith("a mutable collection", StringComparison.Ordinal));
        Assert.Empty(ImmutabilityRules.Violations(typeof(InitOnly)));
    }

    private sealed class WithSetter
    {
        public int Count { get; set; }
    }

    private sealed record WithList(List<int> Items);

    private sealed class WithWritableField(int count)
    {
        public int Next() => ++count;
    }

    private sealed class WithReadOnlyView(IReadOnlyList<int> items)
    {
        private readonly IReadOnlyList<int> items = items;

        public int First => items[0];
    }

    private sealed record InitOnly(ImmutableArray<int> Items, ImmutableDictionary<string, int> ByName)
    {
        public IReadOnlyList<int> View => Items;
    }
}
