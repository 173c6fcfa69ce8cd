namespace ActorRisk.ReadModels.Cards;

/// <summary>Cards by last four digits and/or a merchant they were used at (at least one of the two).</summary>
public sealed record CardQuery(string? Last4, string? MerchantId, int Limit);

/// <summary>Matching card tokens in token order; <see cref="More"/> says the limit cut the list short.</summary>
public sealed record CardMatches(IReadOnlyList<string> CardTokens, bool More);

/// <summary>
/// The card directory: which card (token) was seen with which last four digits at which merchant. A search index
/// pointing at card grains, filled from <see cref="CardSightings"/> a second behind the authorizations, never a
/// copy of a card's state: the portal and API read each card found from its own grain.
/// </summary>
public interface ICardDirectory : ICardDirectoryWriter
{
    Task<CardMatches> FindAsync(CardQuery query, CancellationToken cancellationToken);
}
