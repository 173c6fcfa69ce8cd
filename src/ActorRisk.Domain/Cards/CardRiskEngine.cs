namespace ActorRisk.Domain.Cards;

/// <summary>
/// Decides authorizations for one card from its state and the merchant's resolved policy.
/// Pure: the only outside input is the injected clock.
///
/// Precedence: every rule is checked and every match is reported; the answer is the most severe matched
/// action, in the order decline, challenge, review, approve. A card already blocked is declined, and its
/// attempts still count, but they do not extend the block: a block runs for its configured time from the
/// burst that triggered it.
/// </summary>
public sealed class CardRiskEngine(TimeProvider clock)
{
    public CardEvaluation Evaluate(CardRiskState state, CardAuthorization authorization, CardVelocityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(policy);

        ArgumentOutOfRangeException.ThrowIfNegative(authorization.Amount.Amount, nameof(authorization));
        var now = clock.GetUtcNow();
        if (state.FindDecision(authorization.AuthorizationId) is { } earlier)
        {
            return new CardEvaluation(Repeat(earlier, state, now), state);
        }

        var eventTime = authorization.Timestamp is { } stamped && stamped <= now + policy.MaxClockSkew && stamped >= now - policy.MaxTimestampAge
            ? stamped
            : now;
        var small = policy.IsSmall(authorization.Amount);
        var before = state.Activity;
        var asOf = before.EvaluationTime(eventTime);
        var after = before.Record(eventTime, ActivityDelta.Attempt(small, authorization.MerchantId));

        var matches = new List<RuleMatch>();
        var alreadyBlocked = state.IsBlocked(now);
        if (alreadyBlocked)
        {
            matches.Add(new(new(ReasonCodes.CardBlocked, RiskAction.Decline, BlockedMessage(state.Block!)), null));
        }

        MatchPolicyRules(matches, authorization, policy, small);
        MatchVelocityLimits(matches, after, asOf, policy, authorization.Amount.Currency, small, alreadyBlocked);
        MatchDeclineRate(matches, before, asOf, policy);

        if (matches.Count == 0)
        {
            matches.Add(new(new(ReasonCodes.NoRiskSignals, RiskAction.Approve, "No velocity or policy rule matched."), null));
        }

        var block = alreadyBlocked ? state.Block : NewBlock(state.Block, matches, now);
        var reasons = matches.Select(m => m.Reason).OrderByDescending(r => r.Action).ToImmutableArray();
        var action = reasons[0].Action;
        var decision = new CardDecision(
            authorization.AuthorizationId,
            action,
            reasons,
            asOf,
            small,
            block?.IsActive(now) == true ? block.Until : null,
            block?.IsActive(now) == true);

        var record = new CardDecisionRecord(
            authorization.AuthorizationId,
            eventTime,
            authorization.MerchantId,
            authorization.Amount,
            action,
            [.. reasons.Select(r => r.Code)],
            small);
        var recent = state.RecentDecisions.IsDefault ? [] : state.RecentDecisions;
        recent = recent.Insert(0, record);
        if (recent.Length > policy.RecentDecisionsKept)
        {
            recent = recent.RemoveRange(policy.RecentDecisionsKept, recent.Length - policy.RecentDecisionsKept);
        }

        return new CardEvaluation(decision, new CardRiskState(after, block, recent));
    }

    /// <summary>
    /// Records the issuer's answer. A decline counts in the bucket of the original authorization.
    /// Idempotent: a second outcome for the same authorization changes nothing. An outcome for an authorization
    /// the card no longer remembers is ignored: it cannot be placed in its window, and repeating it must not add
    /// declines.
    /// </summary>
    public static CardRiskState RecordOutcome(CardRiskState state, string authorizationId, bool approved)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.FindDecision(authorizationId) is not { IssuerApproved: null } decision)
        {
            return state;
        }

        var activity = approved ? state.Activity : state.Activity.Record(decision.At, ActivityDelta.Decline);
        return state with { Activity = activity, RecentDecisions = state.RecentDecisions.Replace(decision, decision with { IssuerApproved = approved }) };
    }

    /// <summary>An operator blocks the card (until a time, or until unblocked when <paramref name="until"/> is null).</summary>
    public CardRiskState Block(CardRiskState state, string reason, string blockedBy, DateTimeOffset? until = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(blockedBy);
        var now = clock.GetUtcNow();
        if (until is { } end && end <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(until), "A block must end in the future.");
        }

        return state with { Block = new CardBlock(now, until, ReasonCodes.ManualBlock, reason, blockedBy) };
    }

    /// <summary>
    /// An operator lifts the block. The velocity history is forgiven too: an unblock is a judgement that the
    /// recent activity was legitimate, and keeping it would re-block the card on its next small authorization.
    /// </summary>
    public static CardRiskState Unblock(CardRiskState state) =>
        state with { Block = null, Activity = CardActivity.Empty with { LatestEventAt = state.Activity.LatestEventAt } };

    private static void MatchPolicyRules(List<RuleMatch> matches, CardAuthorization authorization, CardVelocityPolicy policy, bool small)
    {
        var amount = authorization.Amount;
        if (policy.MerchantSuspension is { } suspension)
        {
            matches.Add(new(new(ReasonCodes.MerchantSuspended, RiskAction.Decline,
                $"Merchant {authorization.MerchantId} is suspended by the acquirer since {suspension.Since:yyyy-MM-dd HH:mm} UTC; authorizations are declined until it is reinstated."), null));
        }

        if (policy.RefusePrepaid && authorization.CardType == CardType.Prepaid)
        {
            matches.Add(new(new(ReasonCodes.PrepaidRefused, RiskAction.Decline,
                "Prepaid card at a merchant whose policy refuses prepaid and stored-value cards."), null));
        }

        if (authorization.IssuerCountry is { } country
            && policy.HighRiskIssuerCountryAction != RiskAction.Approve
            && policy.HighRiskIssuerCountries.Contains(country.ToUpperInvariant()))
        {
            matches.Add(new(new(ReasonCodes.HighRiskIssuerCountry, policy.HighRiskIssuerCountryAction,
                $"Card issued in {country.ToUpperInvariant()}, a country this merchant's policy treats as high risk."), null));
        }

        if (small && !authorization.CardPresent && authorization.CvcProvided != true
            && policy.SmallAuthWithoutCvcAction != RiskAction.Approve)
        {
            var ask = policy.SmallAuthWithoutCvcAction == RiskAction.Challenge ? "authenticate with 3-D Secure" : "decline";
            matches.Add(new(new(ReasonCodes.SmallAuthWithoutCvc, policy.SmallAuthWithoutCvcAction,
                $"Small online authorization of {amount} without the card security code: {ask}."), null));
        }

        if (small && authorization.CardPresent && amount.Amount > 0
            && policy.CardPresentUnitAuthorizationAction != RiskAction.Approve)
        {
            matches.Add(new(new(ReasonCodes.CardPresentUnitAuthorization, policy.CardPresentUnitAuthorizationAction,
                $"In-store authorization of {amount} used as a card check breaks card-brand rules; use a zero-amount Account Verification instead."), null));
        }
    }

    private static void MatchVelocityLimits(List<RuleMatch> matches, CardActivity activity, DateTimeOffset asOf, CardVelocityPolicy policy, string currency, bool small, bool alreadyBlocked)
    {
        // A small-authorization limit judges small authorizations: a normal purchase is not declined by it.
        foreach (var limit in policy.Limits.Where(l => l.Enabled && (small || l.Metric != VelocityMetric.SmallAuthorizations)))
        {
            var count = activity.Count(limit.Metric, limit.Window, asOf);
            if (count < limit.Threshold)
            {
                continue;
            }

            var what = limit.Metric switch
            {
                VelocityMetric.SmallAuthorizations => $"small authorizations ({new Values.Money(policy.SmallAmountThreshold(currency), currency)} or less)",
                VelocityMetric.Attempts => "authorization attempts",
                VelocityMetric.IssuerDeclines => "issuer declines",
                VelocityMetric.DistinctMerchants => "distinct merchants",
                _ => limit.Metric.ToString(),
            };
            var block = limit.BlockFor is { } duration && !alreadyBlocked ? $"; card blocked for {Describe(duration)}" : string.Empty;
            matches.Add(new(new(limit.Code, limit.Action,
                $"{count} {what} within {Describe(limit.Window)} (limit {limit.Threshold}){block}."), limit.BlockFor));
        }
    }

    private static void MatchDeclineRate(List<RuleMatch> matches, CardActivity before, DateTimeOffset asOf, CardVelocityPolicy policy)
    {
        if (policy.DeclineRate is not { Enabled: true } rule)
        {
            return;
        }

        var attempts = before.Count(VelocityMetric.Attempts, rule.Window, asOf);
        var declines = before.Count(VelocityMetric.IssuerDeclines, rule.Window, asOf);
        if (attempts < rule.MinAttempts || attempts == 0 || (decimal)declines / attempts < rule.Rate)
        {
            return;
        }

        var block = rule.BlockFor is { } duration ? $"; card blocked for {Describe(duration)}" : string.Empty;
        matches.Add(new(new(ReasonCodes.DeclineRate, rule.Action,
            $"Issuer declined {declines} of the last {attempts} attempts within {Describe(rule.Window)} ({Percent((decimal)declines / attempts)}, limit {Percent(rule.Rate)} over at least {rule.MinAttempts}){block}."),
            rule.BlockFor));
    }

    /// <summary>The same authorization id again: the recorded answer, counted once.</summary>
    private static CardDecision Repeat(CardDecisionRecord earlier, CardRiskState state, DateTimeOffset now) => new(
        earlier.AuthorizationId,
        earlier.Action,
        [.. earlier.ReasonCodes.Select(code => new RiskReason(code, earlier.Action, $"Repeat of authorization {earlier.AuthorizationId}, already decided ({code}); not counted again."))],
        earlier.At,
        earlier.SmallAuthorization,
        state.IsBlocked(now) ? state.Block!.Until : null,
        state.IsBlocked(now));

    private static CardBlock? NewBlock(CardBlock? existing, List<RuleMatch> matches, DateTimeOffset now)
    {
        var trigger = matches.Where(m => m.BlockFor is not null).MaxBy(m => m.BlockFor);
        return trigger is null
            ? existing
            : new CardBlock(now, now + trigger.BlockFor!.Value, trigger.Reason.Code, trigger.Reason.Message, BlockedBy: null);
    }

    private static string BlockedMessage(CardBlock block)
    {
        var until = block.Until is { } end ? $"until {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "until an operator unblocks it";
        var by = block.BlockedBy is null ? string.Empty : $" by {block.BlockedBy}";
        return $"Card blocked{by} {until}: {block.Reason}";
    }

    private static string Percent(decimal ratio) => (ratio * 100m).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    internal static string Describe(TimeSpan span) => span switch
    {
        _ when span.TotalDays >= 1 && span.Ticks % TimeSpan.TicksPerDay == 0 && span.TotalDays != 1 => $"{span.TotalDays:0} days",
        _ when span.TotalHours >= 1 && span.Ticks % TimeSpan.TicksPerHour == 0 => $"{span.TotalHours:0} h",
        _ => $"{span.TotalMinutes:0} min",
    };

    private sealed record RuleMatch(RiskReason Reason, TimeSpan? BlockFor);
}
