using ActorRisk.Runtime.Persistence;

namespace ActorRisk.Silo.Portfolio;

/// <summary>
/// The card directory for memory storage (embedded mode): reads every card's directory state through the grain
/// catalog and storage. Linear in the number of cards, which suits one silo in memory.
/// </summary>
internal sealed class StorageCardDirectory(IGrainCatalog catalog, [FromKeyedServices(PersistentStateAttribute.DefaultStorage)] IGrainStorage storage, GrainStateSerializer serializer) : ICardDirectory
{
    private const int KeysPerRead = 1_000;

    public async Task<CardMatches> FindAsync(CardQuery query, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        string? after = null;
        while (true)
        {
            var keys = await catalog.ListKeysAsync(CardDirectoryNames.GrainType, CardGrain.DirectoryState, after, KeysPerRead, cancellationToken: cancellationToken);
            foreach (var key in keys)
            {
                var id = new GrainId(CardDirectoryNames.GrainType, key);
                if (await storage.ReadAsync(id, CardGrain.DirectoryState, cancellationToken) is { } stored
                    && Matches(query, serializer.Deserialize<CardDirectoryEntry>(stored, null, id, CardGrain.DirectoryState)))
                {
                    found.Add(key);
                    if (found.Count > query.Limit)
                    {
                        return new CardMatches(found[..query.Limit], More: true);
                    }
                }
            }

            if (keys.Count < KeysPerRead)
            {
                return new CardMatches(found, More: false);
            }

            after = keys[^1];
        }
    }

    private static bool Matches(CardQuery query, CardDirectoryEntry entry) =>
        (query.Last4 is null || entry.Last4 == query.Last4)
        && (query.MerchantId is null || (!entry.Merchants.IsDefault && entry.Merchants.Contains(query.MerchantId, StringComparer.Ordinal)));
}
