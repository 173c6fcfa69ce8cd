namespace ActorRisk.Abstractions.Cards;

/// <summary>One card (keyed by its token): rolling counters, block state and recent decisions.</summary>
[Alias("actorrisk.card")]
public interface ICardGrain : IGrainWithStringKey
{
    /// <summary>Decides an authorization; the same authorization id sent again gets its first answer, counted once.</summary>
    [Alias("authorize")]
    Task<AuthorizationDecision> AuthorizeAsync(AuthorizationRequest request);

    [Alias("record-outcome")]
    Task<OutcomeResult> RecordOutcomeAsync(AuthorizationOutcome outcome);

    [Alias("get"), ReadOnly]
    Task<CardSnapshot> GetAsync();

    [Alias("block")]
    Task<CardSnapshot> BlockAsync(CardBlockCommand command);

    [Alias("unblock")]
    Task<CardSnapshot> UnblockAsync(CardBlockCommand command);
}
