namespace ActorRisk.ReadModels.Merchants;

/// <summary>
/// The directory of memory mode (embedded): filters and sorts the summaries of <see cref="MemoryMerchantSummaries"/> in
/// process. Linear in the number of merchants, which suits one silo in memory.
/// </summary>
internal sealed class MemoryMerchantDirectory(MemoryMerchantSummaries summaries) : IMerchantDirectory
{
    public Task<MerchantPage> ListAsync(MerchantQuery query, CancellationToken cancellationToken)
    {
        var matching = summaries.All.Where(s => query.MatchesId(s.MerchantId) && query.Matches(s)).ToList();
        var ordered = Order(matching, query.Sort);
        var page = (query.Reverse ? ordered.Reverse() : ordered)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToList();
        return Task.FromResult(new MerchantPage(page, query.Page, query.PageSize, matching.Count));
    }

    public Task<IReadOnlyList<string>> ListIdsAsync(string? after, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. summaries.All.Select(s => s.MerchantId)
            .Where(id => after is null || string.CompareOrdinal(id, after) > 0)
            .Order(StringComparer.Ordinal)
            .Take(limit)]);

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
