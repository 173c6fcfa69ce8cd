using ActorRisk.Grains.Cards;

namespace ActorRisk.Grains.Authorizations;

/// <summary>
/// The idempotency owner of one authorization id. Concurrent duplicates queue on this grain (turn-based), so the
/// first one decides and the others get the same answer; the card counts it once. The record is written before
/// the answer leaves. If that write fails after the card already counted, the retry reaches the card again and
/// the card's own answer window recognises it.
/// </summary>
public sealed class AuthorizationGrain([PersistentState("authorization")] IPersistentState<AuthorizationRecord> state) : Grain, IAuthorizationGrain
{
    public async Task<AuthorizationDecision> AuthorizeAsync(CardAuthorizationCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var authorization = command.Request.Authorization;
        var fingerprint = $"{command.CardToken}|{authorization.MerchantId}|{authorization.Amount.Amount}|{authorization.Amount.Currency}";
        if (state.State.Decision is { } first)
        {
            return state.State.Fingerprint == fingerprint
                ? first with { Replayed = true }
                : throw new IdempotencyConflictException(Key);
        }

        var decision = await GrainFactory.GetGrain<ICardGrain>(command.CardToken).AuthorizeAsync(command.Request);
        state.State = new AuthorizationRecord { CardToken = command.CardToken, Fingerprint = fingerprint, Decision = decision with { Replayed = false } };
        await state.WriteStateAsync();

        // One activation per authorization would pile up at thousands per second: the record is stored, so let the
        // activation go now; a retry or the outcome re-activates it from storage.
        DeactivateOnIdle();
        return decision;
    }

    public async Task<OutcomeResult> RecordOutcomeAsync(AuthorizationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (state.State.CardToken is not { } cardToken)
        {
            return new OutcomeResult(Key, Recorded: false, KnownAuthorization: false);
        }

        if (state.State.Outcome is not null)
        {
            return new OutcomeResult(Key, Recorded: false, KnownAuthorization: true);
        }

        var result = await GrainFactory.GetGrain<ICardGrain>(cardToken).RecordOutcomeAsync(outcome);
        state.State = state.State with { Outcome = outcome };
        await state.WriteStateAsync();
        DeactivateOnIdle();
        return result with { KnownAuthorization = true };
    }

    public Task<AuthorizationRecord?> GetAsync() => Task.FromResult(state.RecordExists ? state.State : null);
}
