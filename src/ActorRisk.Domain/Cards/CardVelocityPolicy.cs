namespace ActorRisk.Domain.Cards;

/// <summary>
/// Every threshold of the card-testing defence in one record. <see cref="Default"/> is the shipped policy;
/// merchants and MCCs override parts of it through <see cref="CardPolicyOverride"/>.
/// </summary>
public sealed record CardVelocityPolicy
{
    /// <summary>Small-amount threshold per currency, in minor units, inclusive (JPY 100 means 100 yen or less).</summary>
    public ImmutableDictionary<string, long> SmallAmountThresholds { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>For currencies without an entry above: this many major units (1 means USD 1.00, JPY 1).</summary>
    public long DefaultSmallAmountMajorUnits { get; init; } = 1;

    public ImmutableArray<VelocityLimit> Limits { get; init; } = [];

    public DeclineRateLimit? DeclineRate { get; init; }

    /// <summary>Card-not-present small authorization without a security code. Approve switches the rule off.</summary>
    public RiskAction SmallAuthWithoutCvcAction { get; init; } = RiskAction.Challenge;

    /// <summary>
    /// In-store authorization of a small non-zero amount: brand rules want a zero-amount Account Verification
    /// instead (seed 004: the acquirer refunded about 90 million yen for in-store 1-yen authorizations).
    /// </summary>
    public RiskAction CardPresentUnitAuthorizationAction { get; init; } = RiskAction.Review;

    /// <summary>Merchant refuses prepaid / stored-value cards (seed 000's "no high-risk instruments").</summary>
    public bool RefusePrepaid { get; init; }

    /// <summary>ISO 3166 alpha-2 issuer countries the merchant treats as high risk.</summary>
    public ImmutableHashSet<string> HighRiskIssuerCountries { get; init; } = ImmutableHashSet<string>.Empty;

    public RiskAction HighRiskIssuerCountryAction { get; init; } = RiskAction.Review;

    /// <summary>Gateway timestamps further in the future than this are replaced by the engine's clock.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gateway timestamps older than this are replaced by the engine's clock, so an old (or default) timestamp
    /// can never take an authorization out of the velocity windows. Store-and-forward terminals within it keep
    /// their own time.
    /// </summary>
    public TimeSpan MaxTimestampAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How many recent decisions a card keeps for analysts and outcome matching.</summary>
    public int RecentDecisionsKept { get; init; } = 20;

    /// <summary>
    /// The acquirer has suspended the merchant (see <see cref="CardPolicyBook.Suspensions"/>): every authorization
    /// there is declined, and still counts in the card's velocity so testers gain nothing from it.
    /// </summary>
    public MerchantSuspension? MerchantSuspension { get; init; }

    public static CardVelocityPolicy Default { get; } = new()
    {
        SmallAmountThresholds = new Dictionary<string, long>
        {
            ["JPY"] = 100,
            ["USD"] = 100,
            ["EUR"] = 100,
            ["GBP"] = 100,
            ["KRW"] = 1_000,
        }.ToImmutableDictionary(StringComparer.Ordinal),
        Limits =
        [
            new(ReasonCodes.SmallAuthBurst, VelocityMetric.SmallAuthorizations, TimeSpan.FromMinutes(10), 3, RiskAction.Decline, TimeSpan.FromHours(24)),
            new(ReasonCodes.SmallAuthDaily, VelocityMetric.SmallAuthorizations, TimeSpan.FromHours(24), 6, RiskAction.Decline, TimeSpan.FromHours(24)),
            new(ReasonCodes.AttemptsHourly, VelocityMetric.Attempts, TimeSpan.FromHours(1), 10, RiskAction.Review),
            new(ReasonCodes.DistinctMerchantsHourly, VelocityMetric.DistinctMerchants, TimeSpan.FromHours(1), 5, RiskAction.Review),
        ],
        DeclineRate = new DeclineRateLimit(TimeSpan.FromHours(1), MinAttempts: 5, Rate: 0.5m, RiskAction.Decline, TimeSpan.FromHours(24)),
    };

    /// <summary>Threshold in minor units at or under which an amount is "small" in its currency.</summary>
    public long SmallAmountThreshold(string currency) =>
        SmallAmountThresholds.TryGetValue(currency, out var minor)
            ? minor
            : checked(DefaultSmallAmountMajorUnits * Iso4217.Get(currency).MinorUnitsPerMajor);

    public bool IsSmall(Values.Money amount) => amount.Amount <= SmallAmountThreshold(amount.Currency);

    /// <summary>Every out-of-range field, so an editor can show all problems at once. Empty means valid.</summary>
    public IReadOnlyList<PolicyValidationError> Validate()
    {
        var errors = new List<PolicyValidationError>();
        foreach (var (currency, threshold) in SmallAmountThresholds)
        {
            if (!Iso4217.TryGet(currency, out _))
            {
                errors.Add(new($"smallAmountThresholds.{currency}", $"'{currency}' is not a supported ISO 4217 currency."));
            }

            if (threshold < 0)
            {
                errors.Add(new($"smallAmountThresholds.{currency}", "The threshold must be zero or more minor units."));
            }
        }

        ValidateAction(errors, "smallAuthWithoutCvcAction", SmallAuthWithoutCvcAction);
        ValidateAction(errors, "cardPresentUnitAuthorizationAction", CardPresentUnitAuthorizationAction);
        ValidateAction(errors, "highRiskIssuerCountryAction", HighRiskIssuerCountryAction);
        if (DefaultSmallAmountMajorUnits < 0)
        {
            errors.Add(new("defaultSmallAmountMajorUnits", "Must be zero or more."));
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Limits.Length; i++)
        {
            var limit = Limits[i];
            var path = $"limits[{i}]";
            if (string.IsNullOrWhiteSpace(limit.Code))
            {
                errors.Add(new($"{path}.code", "A limit needs a code."));
            }
            else if (!codes.Add(limit.Code))
            {
                errors.Add(new($"{path}.code", $"The code '{limit.Code}' is used twice."));
            }

            ValidateWindow(errors, $"{path}.window", limit.Window);
            ValidateAction(errors, $"{path}.action", limit.Action);
            if (!Enum.IsDefined(limit.Metric))
            {
                errors.Add(new($"{path}.metric", "Not a known metric."));
            }

            if (limit.Threshold < 1)
            {
                errors.Add(new($"{path}.threshold", "The threshold must be at least 1."));
            }

            if (limit.Metric == VelocityMetric.DistinctMerchants && limit.Threshold > CardActivity.DistinctMerchantCap)
            {
                errors.Add(new($"{path}.threshold", $"Distinct merchants are counted up to {CardActivity.DistinctMerchantCap}."));
            }

            ValidateBlock(errors, $"{path}.blockFor", limit.BlockFor);
        }

        if (DeclineRate is { } rate)
        {
            ValidateWindow(errors, "declineRate.window", rate.Window);
            ValidateAction(errors, "declineRate.action", rate.Action);
            if (rate.MinAttempts < 1)
            {
                errors.Add(new("declineRate.minAttempts", "Must be at least 1."));
            }

            if (rate.Rate is <= 0 or > 1)
            {
                errors.Add(new("declineRate.rate", "Must be above 0 and at most 1 (0.5 = 50%)."));
            }

            ValidateBlock(errors, "declineRate.blockFor", rate.BlockFor);
        }

        foreach (var country in HighRiskIssuerCountries)
        {
            if (country is not { Length: 2 } || !country.All(char.IsAsciiLetterUpper))
            {
                errors.Add(new("highRiskIssuerCountries", $"'{country}' is not an ISO 3166 alpha-2 code."));
            }
        }

        if (MaxClockSkew < TimeSpan.Zero || MaxClockSkew > TimeSpan.FromHours(1))
        {
            errors.Add(new("maxClockSkew", "Must be between 0 and 1 hour."));
        }

        if (MaxTimestampAge < TimeSpan.FromMinutes(1) || MaxTimestampAge >= CardActivity.Retention)
        {
            errors.Add(new("maxTimestampAge", $"Must be at least 1 minute and under {CardActivity.Retention.TotalDays:0} days."));
        }

        if (RecentDecisionsKept is < 1 or > 200)
        {
            errors.Add(new("recentDecisionsKept", "Must be between 1 and 200."));
        }

        return errors;
    }

    private static void ValidateWindow(List<PolicyValidationError> errors, string field, TimeSpan window)
    {
        if (window < TimeSpan.FromMinutes(1) || window > CardActivity.Retention)
        {
            errors.Add(new(field, $"The window must be between 1 minute and {CardActivity.Retention.TotalDays:0} days."));
        }
        else if (window.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            errors.Add(new(field, "The window must be a whole number of minutes."));
        }
    }

    // Actions arrive from stored books and editors as numbers too: one outside the enum would decide nothing known.
    private static void ValidateAction(List<PolicyValidationError> errors, string field, RiskAction action)
    {
        if (!Enum.IsDefined(action))
        {
            errors.Add(new(field, "Not a known action (approve, review, challenge or decline)."));
        }
    }

    private static void ValidateBlock(List<PolicyValidationError> errors, string field, TimeSpan? blockFor)
    {
        if (blockFor is { } duration && (duration <= TimeSpan.Zero || duration > TimeSpan.FromDays(365)))
        {
            errors.Add(new(field, "A block must last more than zero and at most 365 days."));
        }
    }
}
