namespace ActorRisk.Silo.Portfolio;

/// <summary>Cards by last four digits and/or a merchant they were used at (at least one of the two).</summary>
public sealed record CardQuery(string? Last4, string? MerchantId, int Limit);

/// <summary>Matching card tokens in token order; <see cref="More"/> says the limit cut the list short.</summary>
public sealed record CardMatches(IReadOnlyList<string> CardTokens, bool More);

/// <summary>
/// Finds cards from their directory state (<see cref="CardDirectoryEntry"/>, a query over grain state, not a
/// second copy): the portal and API then read each card's own grain for its live state.
/// </summary>
public interface ICardDirectory
{
    Task<CardMatches> FindAsync(CardQuery query, CancellationToken cancellationToken);
}

internal static class CardDirectoryNames
{
    public const string GrainType = "card";
}
