using ActorRisk.Runtime.Persistence;

namespace ActorRisk.Silo.Portfolio;

/// <summary>
/// The directory for memory storage (embedded mode): reads every merchant summary through the grain catalog and
/// storage, then filters and sorts in process. Linear in the number of merchants, which suits one silo in memory.
/// </summary>
internal sealed class StorageMerchantDirectory(IGrainCatalog catalog, [FromKeyedServices(PersistentStateAttribute.DefaultStorage)] IGrainStorage storage, GrainStateSerializer serializer) : IMerchantDirectory
{
    private const int PageSize = 1_000;

    public async Task<MerchantPage> ListAsync(MerchantQuery query, CancellationToken cancellationToken)
    {
        var matching = new List<MerchantSummary>();
        string? after = null;
        while (true)
        {
            var keys = await catalog.ListKeysAsync(MerchantDirectoryNames.GrainType, MerchantDirectoryNames.SummaryState, after, PageSize, cancellationToken: cancellationToken);
            foreach (var key in keys)
            {
                var id = new GrainId(MerchantDirectoryNames.GrainType, key);
                if (await storage.ReadAsync(id, MerchantDirectoryNames.SummaryState, cancellationToken) is { } stored)
                {
                    var summary = serializer.Deserialize<MerchantSummary>(stored, null, id, MerchantDirectoryNames.SummaryState);
                    if (query.Matches(summary))
                    {
                        matching.Add(summary);
                    }
                }
            }

            if (keys.Count < PageSize)
            {
                break;
            }

            after = keys[^1];
        }

        var page = matching
            .OrderByDescending(s => s.RiskScore)
            .ThenBy(s => s.MerchantId, StringComparer.Ordinal)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToList();
        return new MerchantPage(page, query.Page, query.PageSize, matching.Count);
    }
}

internal static class MerchantDirectoryNames
{
    public const string GrainType = "merchant";
    public const string SummaryState = "merchant-summary";
}
