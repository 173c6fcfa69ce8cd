using ActorRisk.Grains.Cards;

namespace ActorRisk.Grains.Authorizations;

/// <summary>
/// One authorization, keyed by the gateway's authorization id: it owns idempotency (the first answer is returned
/// to every retry, for as long as the record exists) and knows which card to tell about the issuer's outcome.
/// </summary>
public interface IAuthorizationGrain : IGrainWithStringKey
{
    Task<AuthorizationDecision> AuthorizeAsync(CardAuthorizationCommand command);

    Task<OutcomeResult> RecordOutcomeAsync(AuthorizationOutcome outcome);

    Task<AuthorizationRecord?> GetAsync();
}

/// <summary>An authorization for a tokenized card.</summary>
public sealed record CardAuthorizationCommand(string CardToken, AuthorizationRequest Request);

/// <summary>What an authorization grain keeps.</summary>
public sealed record AuthorizationRecord
{
    public string? CardToken { get; init; }

    public string? Fingerprint { get; init; }

    public AuthorizationDecision? Decision { get; init; }

    public AuthorizationOutcome? Outcome { get; init; }
}

public sealed class AuthorizationGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IAuthorizationGrain
{
    private static readonly GrainMethod<IAuthorizationGrain, CardAuthorizationCommand, AuthorizationDecision> Authorize =
        new(nameof(AuthorizeAsync), static (grain, command) => grain.AuthorizeAsync(command));

    private static readonly GrainMethod<IAuthorizationGrain, AuthorizationOutcome, OutcomeResult> Outcome =
        new(nameof(RecordOutcomeAsync), static (grain, outcome) => grain.RecordOutcomeAsync(outcome));

    private static readonly GrainMethod<IAuthorizationGrain, NoArgs, AuthorizationRecord?> Get =
        new(nameof(GetAsync), static (grain, _) => grain.GetAsync(), readOnly: true);

    public Task<AuthorizationDecision> AuthorizeAsync(CardAuthorizationCommand command) => InvokeAsync(Authorize, command);

    public Task<OutcomeResult> RecordOutcomeAsync(AuthorizationOutcome outcome) => InvokeAsync(Outcome, outcome);

    public Task<AuthorizationRecord?> GetAsync() => InvokeAsync(Get);
}
