using ActorRisk.Grains.Diagnostics;
using ActorRisk.Grains.Idempotency;
using Microsoft.Extensions.Options;

namespace ActorRisk.Grains.Cards;

/// <summary>
/// One card, keyed by its token. Every authorization is decided by the domain's <see cref="CardRiskEngine"/> with
/// the merchant's policy; the new state and the answer (kept under the authorization id in the card's own state) are
/// written in one write, through group commit in PostgreSQL mode, before the answer leaves. So an answered
/// authorization is never lost, and a retry, even after a restart or on another silo, gets the first answer and
/// counts once.
/// <para>
/// After a card-token key rotation a card is one history under two tokens: the first authorization by card number
/// under the new key finds the card empty and takes over the history of the card's token under a previous key
/// (<see cref="ICardHandOver"/>); the old card then forwards every call, from gateways holding the old token or from
/// hosts not yet on the new key, to the new one. Blocks, counters, recent decisions and answered authorizations
/// (so a retry across the rotation replays its first answer) all carry over.
/// </para>
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
    GrainMetrics metrics,
    TimeProvider clock,
    ILogger<CardGrain> logger) : Grain, ICardGrain, ICardHandOver
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
        if (state.State.MovedTo is { } successor)
        {
            // The successor may have lost its copy of this history (its write failed after this card moved): naming
            // this card lets it take the history over again, by a call back here on the same call chain.
            using var reentrant = RequestContext.AllowCallChainReentrancy();
            return await Successor(successor).AuthorizeAsync(request with { PreviousCardTokens = [Key] });
        }

        if (!request.PreviousCardTokens.IsDefaultOrEmpty && !state.State.HasHistory)
        {
            await TakeOverHistoryAsync(request.PreviousCardTokens);
        }

        var authorization = request.Authorization;
        var fingerprint = AuthorizationFingerprint.Of(authorization);
        if (AnsweredRequests.Find(state.State.Answered, AuthorizationScope, authorization.AuthorizationId, clock.GetUtcNow() - idempotency.Value.Retention) is { } answered)
        {
            if (answered.Fingerprint != fingerprint)
            {
                throw new IdempotencyConflictException(authorization.AuthorizationId);
            }

            metrics.Replayed(answered.Answer.Decision);
            return answered.Answer with { Replayed = true };
        }

        var risk = state.State.Risk;
        var evaluation = engine.Evaluate(risk, authorization, policies.Resolve(authorization.MerchantId, authorization.Mcc));
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

        // Counted once stored: a failed write is answered 503 and retried, so it must not count as a decision. The
        // engine hands back the very state it was given for an id the card still remembers (an answer past its
        // retention): that is a retry too, not a new decision.
        if (ReferenceEquals(evaluation.State, risk))
        {
            metrics.Replayed(decision.Decision);
        }
        else
        {
            metrics.Authorized(decision.Decision, decision.Reasons[0].Code);
            if (decision.CardBlocked && !ReferenceEquals(evaluation.State.Block, risk.Block) && evaluation.State.Block is { } block)
            {
                metrics.CardBlocked(block.ReasonCode);
            }
        }

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
        if (state.State.MovedTo is { } successor)
        {
            return await Successor(successor).RecordOutcomeAsync(outcome);
        }

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

    public Task<CardSnapshot> GetAsync() =>
        state.State.MovedTo is { } successor ? Successor(successor).GetAsync() : Task.FromResult(Snapshot());

    public async Task<CardSnapshot> BlockAsync(CardBlockCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state.State.MovedTo is { } successor)
        {
            return await Successor(successor).BlockAsync(command);
        }

        var wasBlocked = state.State.Risk.IsBlocked(clock.GetUtcNow());
        await WriteAsync(state.State with { Risk = engine.Block(state.State.Risk, command.Reason, command.Actor, command.Until) });
        if (!wasBlocked && state.State.Risk.Block is { } block)
        {
            metrics.CardBlocked(block.ReasonCode);
        }

        return Snapshot();
    }

    public async Task<CardSnapshot> UnblockAsync(CardBlockCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state.State.MovedTo is { } successor)
        {
            return await Successor(successor).UnblockAsync(command);
        }

        await WriteAsync(state.State with { Risk = CardRiskEngine.Unblock(state.State.Risk) });
        return Snapshot();
    }

    public async Task<CardGrainState?> HandOverAsync(string successorToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(successorToken);
        if (successorToken == Key)
        {
            return null;
        }

        if (state.State.MovedTo is { } movedTo && movedTo != successorToken)
        {
            // Moved on already (an earlier rotation): the live history is further along the chain.
            return await GrainFactory.GetGrain<ICardHandOver>(movedTo).HandOverAsync(successorToken);
        }

        // Moved even without history: a host still making this key's tokens (a rolling configuration change) then
        // reaches the successor too, so the card never starts a second history here.
        if (state.State.MovedTo is null)
        {
            await WriteAsync(state.State with { MovedTo = successorToken });
        }

        return state.State.HasHistory ? state.State with { MovedTo = null } : null;
    }

    /// <summary>Takes over the history of the first previous token that has one (newest key first), and stores it.</summary>
    private async Task TakeOverHistoryAsync(ImmutableArray<string> previousTokens)
    {
        foreach (var previous in previousTokens)
        {
            if (await GrainFactory.GetGrain<ICardHandOver>(previous).HandOverAsync(Key) is { } history)
            {
                await WriteAsync(history with { FormerTokens = history.FormerTokens.IsDefault ? [previous] : history.FormerTokens.Add(previous) });
                CardLog.TookOverHistory(logger, Key, previous);
                return;
            }
        }
    }

    private ICardGrain Successor(string token) => GrainFactory.GetGrain<ICardGrain>(token);

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

internal static partial class CardLog
{
    // Tokens only, never a card number: the operator's trace of a key rotation reaching each card.
    [LoggerMessage(210, LogLevel.Information, "Card {CardToken} took over the history of {PreviousCardToken} (card-token key rotation)")]
    public static partial void TookOverHistory(ILogger logger, string cardToken, string previousCardToken);
}
