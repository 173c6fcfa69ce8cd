namespace ActorRisk.Domain.Cards;

/// <summary>
/// A partial policy: every field left null keeps the value underneath. Limits are matched by code:
/// an override limit replaces the base limit with the same code (set Enabled = false to switch it off)
/// and a new code adds a limit.
/// </summary>
public sealed record CardPolicyOverride
{
    public ImmutableDictionary<string, long>? SmallAmountThresholds { get; init; }

    public ImmutableArray<VelocityLimit>? Limits { get; init; }

    public DeclineRateLimit? DeclineRate { get; init; }

    public RiskAction? SmallAuthWithoutCvcAction { get; init; }

    public RiskAction? CardPresentUnitAuthorizationAction { get; init; }

    public bool? RefusePrepaid { get; init; }

    public ImmutableHashSet<string>? HighRiskIssuerCountries { get; init; }

    public CardVelocityPolicy ApplyTo(CardVelocityPolicy basePolicy) => basePolicy with
    {
        SmallAmountThresholds = SmallAmountThresholds is { } thresholds
            ? basePolicy.SmallAmountThresholds.SetItems(thresholds)
            : basePolicy.SmallAmountThresholds,
        Limits = Limits is { } limits ? MergeLimits(basePolicy.Limits, limits) : basePolicy.Limits,
        DeclineRate = DeclineRate ?? basePolicy.DeclineRate,
        SmallAuthWithoutCvcAction = SmallAuthWithoutCvcAction ?? basePolicy.SmallAuthWithoutCvcAction,
        CardPresentUnitAuthorizationAction = CardPresentUnitAuthorizationAction ?? basePolicy.CardPresentUnitAuthorizationAction,
        RefusePrepaid = RefusePrepaid ?? basePolicy.RefusePrepaid,
        HighRiskIssuerCountries = HighRiskIssuerCountries ?? basePolicy.HighRiskIssuerCountries,
    };

    private static ImmutableArray<VelocityLimit> MergeLimits(ImmutableArray<VelocityLimit> baseLimits, ImmutableArray<VelocityLimit> overrides)
    {
        var byCode = overrides.ToDictionary(l => l.Code, StringComparer.Ordinal);
        var merged = baseLimits.Select(l => byCode.Remove(l.Code, out var replacement) ? replacement : l).ToList();
        merged.AddRange(overrides.Where(l => byCode.ContainsKey(l.Code)));
        return [.. merged];
    }
}
