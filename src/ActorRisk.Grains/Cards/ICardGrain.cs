namespace ActorRisk.Grains.Cards;

/// <summary>One card (keyed by its token): rolling counters, block state and recent decisions.</summary>
public interface ICardGrain : IGrainWithStringKey
{
    Task<AuthorizationDecision> AuthorizeAsync(AuthorizationRequest request);

    Task<OutcomeResult> RecordOutcomeAsync(AuthorizationOutcome outcome);

    Task<CardSnapshot> GetAsync();

    Task<CardSnapshot> BlockAsync(CardBlockCommand command);

    Task<CardSnapshot> UnblockAsync(CardBlockCommand command);
}

/// <summary>The typed reference of <see cref="ICardGrain"/> (hand-written; see docs/runtime.md).</summary>
public sealed class CardGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), ICardGrain
{
    private static readonly GrainMethod<ICardGrain, AuthorizationRequest, AuthorizationDecision> Authorize =
        new(nameof(AuthorizeAsync), static (grain, request) => grain.AuthorizeAsync(request));

    private static readonly GrainMethod<ICardGrain, AuthorizationOutcome, OutcomeResult> Outcome =
        new(nameof(RecordOutcomeAsync), static (grain, outcome) => grain.RecordOutcomeAsync(outcome));

    private static readonly GrainMethod<ICardGrain, NoArgs, CardSnapshot> Get =
        new(nameof(GetAsync), static (grain, _) => grain.GetAsync(), readOnly: true);

    private static readonly GrainMethod<ICardGrain, CardBlockCommand, CardSnapshot> Block =
        new(nameof(BlockAsync), static (grain, command) => grain.BlockAsync(command));

    private static readonly GrainMethod<ICardGrain, CardBlockCommand, CardSnapshot> Unblock =
        new(nameof(UnblockAsync), static (grain, command) => grain.UnblockAsync(command));

    public Task<AuthorizationDecision> AuthorizeAsync(AuthorizationRequest request) => InvokeAsync(Authorize, request);

    public Task<OutcomeResult> RecordOutcomeAsync(AuthorizationOutcome outcome) => InvokeAsync(Outcome, outcome);

    public Task<CardSnapshot> GetAsync() => InvokeAsync(Get);

    public Task<CardSnapshot> BlockAsync(CardBlockCommand command) => InvokeAsync(Block, command);

    public Task<CardSnapshot> UnblockAsync(CardBlockCommand command) => InvokeAsync(Unblock, command);
}
