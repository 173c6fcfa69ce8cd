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

    /// <summary>Every problem of this override once applied to <paramref name="basePolicy"/>, by field path.</summary>
    public IReadOnlyList<PolicyValidationError> Validate(CardVelocityPolicy basePolicy)
    {
        var duplicates = Limits is { } limits
            ? limits.GroupBy(l => l.Code, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => new PolicyValidationError("limits", $"The code '{g.Key}' is used twice."))
            : [];
        return [.. duplicates, .. ApplyTo(basePolicy).Validate()];
    }

    private static ImmutableArray<VelocityLimit> MergeLimits(ImmutableArray<VelocityLimit> baseLimits, ImmutableArray<VelocityLimit> overrides)
    {
        // The last limit with a code wins; Validate reports the duplicate so an editor can fix it.
        var byCode = new Dictionary<string, VelocityLimit>(StringComparer.Ordinal);
        foreach (var limit in overrides)
        {
            byCode[limit.Code] = limit;
        }

        var merged = baseLimits.Select(l => byCode.Remove(l.Code, out var replacement) ? replacement : l).ToList();
        merged.AddRange(overrides.Where(l => byCode.TryGetValue(l.Code, out var last) && ReferenceEquals(last, l)));
        return [.. merged];
    }
}
