using System.Collections.Concurrent;

namespace ActorRisk.ReadModels.Cards;

/// <summary>The card directory of memory mode (embedded): by last four digits, then merchant, in process.</summary>
internal sealed class MemoryCardDirectory : ICardDirectory
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<(string MerchantId, string CardToken), byte>> byLast4 = new(StringComparer.Ordinal);

    public Task AddSightingsAsync(IReadOnlyList<CardSighting> sightings, CancellationToken cancellationToken)
    {
        foreach (var sighting in sightings)
        {
            byLast4.GetOrAdd(sighting.Last4, static _ => new())[(sighting.MerchantId, sighting.CardToken)] = 0;
        }

        return Task.CompletedTask;
    }

    public Task<CardMatches> FindAsync(CardQuery query, CancellationToken cancellationToken)
    {
        IEnumerable<(string MerchantId, string CardToken)> candidates = query.Last4 is { } last4
            ? byLast4.TryGetValue(last4, out var cards) ? cards.Keys : []
            : byLast4.Values.SelectMany(c => c.Keys);
        var tokens = candidates
            .Where(c => query.MerchantId is null || c.MerchantId == query.MerchantId)
            .Select(c => c.CardToken)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        return Task.FromResult(tokens.Count > query.Limit ? new CardMatches(tokens[..query.Limit], More: true) : new CardMatches(tokens, More: false));
    }
}
