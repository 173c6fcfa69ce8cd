namespace ActorRisk.Domain.Cards;

/// <summary>
/// The stricter card policy a merchant gets while card testing is running against it (seed 004: cap small
/// authorizations, require the security code): a small online authorization without the security code is
/// declined instead of challenged, and every small-authorization limit allows half as many (at least 2, and
/// never more than before), so a tester learns less from each card before it is blocked.
/// </summary>
public static class CardTestingLockdown
{
    public const int MinimumSmallAuthorizationThreshold = 2;

    public static CardVelocityPolicy ApplyTo(CardVelocityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy with
        {
            SmallAuthWithoutCvcAction = RiskAction.Decline,
            Limits = [.. policy.Limits.Select(limit => limit.Metric == VelocityMetric.SmallAuthorizations
                ? limit with { Threshold = Math.Min(limit.Threshold, Math.Max(MinimumSmallAuthorizationThreshold, limit.Threshold / 2)) }
                : limit)],
        };
    }
}
