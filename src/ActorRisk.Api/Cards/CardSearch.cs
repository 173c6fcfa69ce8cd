using ActorRisk.ReadModels.Cards;

namespace ActorRisk.Api.Cards;

/// <summary>Cards found in the directory, each read live from its own grain, most recently active first.</summary>
public sealed record CardSearchResult(IReadOnlyList<CardSnapshot> Cards, bool More);

/// <summary>Finds cards by last four digits and/or merchant for the API and the portal.</summary>
public sealed class CardSearch(ICardDirectory directory, IGrainFactory grains)
{
    public const int MaxLimit = 100;

    public static bool IsLast4(string? text) => text is { Length: 4 } && text.All(char.IsAsciiDigit);

    public async Task<CardSearchResult> FindAsync(CardQuery query, CancellationToken cancellationToken)
    {
        var matches = await directory.FindAsync(query, cancellationToken);
        var cards = await Task.WhenAll(matches.CardTokens.Select(token => grains.GetGrain<ICardGrain>(token).GetAsync()));

        // After a card-token key rotation the directory knows a card under its old and its new token; both read the
        // same card (under its new token), listed once.
        return new CardSearchResult(
            [.. cards.DistinctBy(c => c.CardToken, StringComparer.Ordinal).OrderByDescending(c => c.LastActivityAt).ThenBy(c => c.CardToken, StringComparer.Ordinal)],
            matches.More);
    }
}
