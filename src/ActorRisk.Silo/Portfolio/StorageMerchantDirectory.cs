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
            // The id prefix is checked before the read, so a search costs only the summaries it matches.
            foreach (var key in keys.Where(query.MatchesId))
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

        var page = Order(matching, query.Sort)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToList();
        return new MerchantPage(page, query.Page, query.PageSize, matching.Count);
    }

    // The same orders as PostgresMerchantDirectory's indexes, ties by merchant id compared as bytes (collation "C").
    private static IOrderedEnumerable<MerchantSummary> Order(List<MerchantSummary> summaries, MerchantSort sort) => sort switch
    {
        MerchantSort.MerchantId => summaries
            .OrderBy(s => s.MerchantId.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(s => s.MerchantId, StringComparer.Ordinal),
        MerchantSort.Fines => summaries
            .OrderByDescending(s => s.FinesToDateUsd.Amount)
            .ThenBy(s => s.MerchantId, StringComparer.Ordinal),
        MerchantSort.LastClosed => summaries
            .OrderBy(s => s.LastClosedMonth is null)
            .ThenByDescending(s => s.LastClosedMonth)
            .ThenBy(s => s.MerchantId, StringComparer.Ordinal),
        _ => summaries
            .OrderByDescending(s => s.RiskScore)
            .ThenBy(s => s.MerchantId, StringComparer.Ordinal),
    };
}

internal static class MerchantDirectoryNames
{
    public const string GrainType = "merchant";
    public const string SummaryState = "merchant-summary";
}
