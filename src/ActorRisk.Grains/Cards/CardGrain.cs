using ActorRisk.Grains.Idempotency;
using Microsoft.Extensions.Options;

namespace ActorRisk.Grains.Cards;

/// <summary>
/// One card, keyed by its token. Every authorization is decided by the domain's <see cref="CardRiskEngine"/> with
/// the merchant's policy; the new state and the answer (kept under the authorization id in the card's own state) are
/// written in one write, through group commit in PostgreSQL mode, before the answer leaves. So an answered
/// authorization is never lost, and a retry, even after a restart or on another silo, gets the first answer and
/// counts once.
/// </summary>
[GrainType("card")]
public sealed class CardGrain(
    [PersistentState("card")] IPersistentState<CardGrainState> state,
    CardRiskEngine engine,
    ICardPolicySource policies,
    DecisionFeed feed,
    MerchantAuthorizationCounter merchantCounts,
    CardSightings sightings,
    RequestRoutes routes,
    IOptions<IdempotencyOptions> idempotency,
    TimeProvider clock) : Grain, ICardGrain
{
    /// <summary>The scope of authorization ids in the answered requests.</summary>
    public const string AuthorizationScope = "authorization";

    /// <summary>The counter windows shown by the API and portal.</summary>
    public static readonly ImmutableArray<(string Name, TimeSpan Span)> DisplayWindows =
        [("10m", TimeSpan.FromMinutes(10)), ("1h", TimeSpan.FromHours(1)), ("24h", TimeSpan.FromHours(24))];

    private string Key => this.GetPrimaryKeyString();

    public async Task<AuthorizationDecision> AuthorizeAsync(AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Authorization;
        var fingerprint = AuthorizationFingerprint.Of(authorization);
        if (AnsweredRequests.Find(state.State.Answered, AuthorizationScope, authorization.AuthorizationId, clock.GetUtcNow() - idempotency.Value.Retention) is { } answered)
        {
            return answered.Fingerprint == fingerprint
                ? answered.Answer with { Replayed = true }
                : throw new IdempotencyConflictException(authorization.AuthorizationId);
        }

        var evaluation = engine.Evaluate(state.State.Risk, authorization, policies.Resolve(authorization.MerchantId, authorization.Mcc));
        var last4 = request.Last4 ?? state.State.Last4;
        var decision = new AuthorizationDecision(
            authorization.AuthorizationId,
            Key,
            last4,
            evaluation.Decision.Action,
            evaluation.Decision.Reasons,
            evaluation.Decision.CardBlocked,
            evaluation.Decision.CardBlockedUntil,
            clock.GetUtcNow(),
            evaluation.Decision.SmallAuthorization);

        var newMerchant = state.State.Risk.RecentDecisions.IsDefaultOrEmpty
            || !state.State.Risk.RecentDecisions.Any(d => d.MerchantId == authorization.MerchantId);
        var entry = new AnsweredRequest<AuthorizationDecision>(AuthorizationScope, authorization.AuthorizationId, fingerprint, decision.DecidedAt, decision);
        await WriteAsync(state.State with
        {
            Risk = evaluation.State,
            Last4 = last4,
            Answered = AnsweredRequests.Add(state.State.Answered, entry, idempotency.Value.Retention),
        });

        // Card testing as the merchant sees it: a small authorization the defence declined or challenged.
        var enumerated = decision.SmallAuthorization && decision.Decision is RiskAction.Decline or RiskAction.Challenge;
        merchantCounts.Record(authorization.MerchantId, request.Network, decision.SmallAuthorization, enumerated, Key);
        if (newMerchant && last4 is not null)
        {
            sightings.Record(Key, last4, authorization.MerchantId, decision.DecidedAt);
        }

        routes.Record(new RequestRoute(AuthorizationScope, authorization.AuthorizationId, Key, decision.DecidedAt));
        feed.Add(new CardDecisionEvent(Key, last4, authorization.MerchantId, authorization.Amount, decision));
        return decision;
    }

    public async Task<OutcomeResult> RecordOutcomeAsync(AuthorizationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var known = state.State.Risk.FindDecision(outcome.AuthorizationId);
        if (known is null)
        {
            return new OutcomeResult(outcome.AuthorizationId, Recorded: false, KnownAuthorization: false);
        }

        if (known.IssuerApproved is not null)
        {
            return new OutcomeResult(outcome.AuthorizationId, Recorded: false, KnownAuthorization: true);
        }

        await WriteAsync(state.State with { Risk = CardRiskEngine.RecordOutcome(state.State.Risk, outcome.AuthorizationId, outcome.Approved) });
        return new OutcomeResult(outcome.AuthorizationId, Recorded: true, KnownAuthorization: true);
    }

    public Task<CardSnapshot> GetAsync() => Task.FromResult(Snapshot());

    public async Task<CardSnapshot> BlockAsync(CardBlockCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await WriteAsync(state.State with { Risk = engine.Block(state.State.Risk, command.Reason, command.Actor, command.Until) });
        return Snapshot();
    }

    public async Task<CardSnapshot> UnblockAsync(CardBlockCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await WriteAsync(state.State with { Risk = CardRiskEngine.Unblock(state.State.Risk) });
        return Snapshot();
    }

    // A write that failed leaves memory ahead of storage (or the write committed and its answer was lost): the
    // activation is dropped so the next call reloads what storage holds, and a retry is answered from there.
    private Task WriteAsync(CardGrainState next) => StateWrites.WriteAsync(this, state, next);

    private CardSnapshot Snapshot()
    {
        var now = clock.GetUtcNow();
        var risk = state.State.Risk;
        var asOf = risk.Activity.LatestEventAt is { } latest && latest > now ? latest : now;
        var counters = DisplayWindows.Select(w => new CounterWindow(
            w.Name,
            risk.Activity.Count(VelocityMetric.Attempts, w.Span, asOf),
            risk.Activity.Count(VelocityMetric.SmallAuthorizations, w.Span, asOf),
            risk.Activity.Count(VelocityMetric.IssuerDeclines, w.Span, asOf),
            risk.Activity.Count(VelocityMetric.DistinctMerchants, w.Span, asOf)));
        return new CardSnapshot(
            Key,
            state.State.Last4,
            risk.IsBlocked(now),
            risk.Block,
            [.. counters],
            risk.RecentDecisions.IsDefault ? [] : risk.RecentDecisions,
            risk.Activity.LatestEventAt);
    }
}
