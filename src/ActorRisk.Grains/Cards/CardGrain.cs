using ActorRisk.Runtime.Streams;

namespace ActorRisk.Grains.Cards;

/// <summary>
/// One card, keyed by its token. Every authorization is decided by the domain's <see cref="CardRiskEngine"/> with
/// the merchant's policy; the new state is written (through group commit in PostgreSQL mode) before the answer
/// leaves, so an answered authorization is never lost or counted twice, even across a restart.
/// </summary>
public sealed class CardGrain(
    [PersistentState("card")] IPersistentState<CardGrainState> state,
    CardRiskEngine engine,
    ICardPolicySource policies,
    IStreamProvider streams,
    TimeProvider clock) : Grain, ICardGrain
{
    /// <summary>How many answers a card keeps for idempotent retries.</summary>
    public const int IdempotencyWindow = 16;

    /// <summary>The counter windows shown by the API and portal.</summary>
    public static readonly ImmutableArray<(string Name, TimeSpan Span)> DisplayWindows =
        [("10m", TimeSpan.FromMinutes(10)), ("1h", TimeSpan.FromHours(1)), ("24h", TimeSpan.FromHours(24))];

    public async Task<AuthorizationDecision> AuthorizeAsync(AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Authorization;
        var fingerprint = Fingerprint(authorization);
        var previous = state.State.Answered.FirstOrDefault(a => a.Decision.AuthorizationId == authorization.AuthorizationId);
        if (previous is not null)
        {
            return previous.Fingerprint == fingerprint
                ? previous.Decision with { Replayed = true }
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

        var answered = state.State.Answered.Insert(0, new AnsweredAuthorization(fingerprint, decision));
        state.State = state.State with
        {
            Risk = evaluation.State,
            Last4 = last4,
            Answered = answered.Length > IdempotencyWindow ? answered.RemoveRange(IdempotencyWindow, answered.Length - IdempotencyWindow) : answered,
        };
        await state.WriteStateAsync();
        await streams.PublishAsync(new StreamId(CardStreams.Decisions, Key), new CardDecisionEvent(Key, last4, authorization.MerchantId, authorization.Amount, decision));
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

        state.State = state.State with { Risk = CardRiskEngine.RecordOutcome(state.State.Risk, outcome.AuthorizationId, outcome.Approved) };
        await state.WriteStateAsync();
        return new OutcomeResult(outcome.AuthorizationId, Recorded: true, KnownAuthorization: true);
    }

    public Task<CardSnapshot> GetAsync() => Task.FromResult(Snapshot());

    public async Task<CardSnapshot> BlockAsync(CardBlockCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        state.State = state.State with { Risk = engine.Block(state.State.Risk, command.Reason, command.Actor, command.Until) };
        await state.WriteStateAsync();
        return Snapshot();
    }

    public async Task<CardSnapshot> UnblockAsync(CardBlockCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        state.State = state.State with { Risk = CardRiskEngine.Unblock(state.State.Risk) };
        await state.WriteStateAsync();
        return Snapshot();
    }

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

    private static string Fingerprint(CardAuthorization authorization) =>
        $"{authorization.MerchantId}|{authorization.Amount.Amount}|{authorization.Amount.Currency}";
}
