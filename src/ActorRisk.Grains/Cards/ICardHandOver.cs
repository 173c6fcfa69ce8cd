namespace ActorRisk.Grains.Cards;

/// <summary>
/// Between card grains only: after a card-token key rotation, the card a card number's new token names takes over
/// the history of the card its previous token names (docs/architecture.md, "Card-token keys"). Not part of the API's
/// contract (ICardGrain).
/// </summary>
[Alias("actorrisk.card-hand-over")]
public interface ICardHandOver : IGrainWithStringKey
{
    /// <summary>
    /// Marks this card as moved to <paramref name="successorToken"/> (stored before the answer, so every later call
    /// here is forwarded there, from any silo) and answers its history, or null when it has none. Asked again by the
    /// same successor (whose own write was lost), it answers the same history again.
    /// </summary>
    [Alias("hand-over")]
    Task<CardGrainState?> HandOverAsync(string successorToken);
}
