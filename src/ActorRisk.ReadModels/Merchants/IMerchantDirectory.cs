using ActorRisk.Domain.Programs;

namespace ActorRisk.ReadModels.Merchants;

/// <summary>
/// Which merchants to list: optionally only those with a program, a status in it, or both, and only those whose id
/// starts with <paramref name="Search"/> (ignoring case); in the order of <paramref name="Sort"/>, or in exactly the
/// opposite order (ties and merchants never closed included) when <paramref name="Reverse"/> is set.
/// </summary>
public sealed record MerchantQuery(MonitoringProgram? Program, ProgramStatus? Status, int Page, int PageSize, string? Search = null, MerchantSort Sort = MerchantSort.Risk, bool Reverse = false)
{
    /// <summary>The id prefix to match, lower case, or null for every merchant (blank text matches all).</summary>
    public string? Prefix => string.IsNullOrWhiteSpace(Search) ? null : Search.Trim().ToLowerInvariant();
}

/// <summary>One page of merchants in the query's order.</summary>
public sealed record MerchantPage(IReadOnlyList<MerchantSummary> Items, int Page, int PageSize, long Total);

/// <summary>
/// Lists merchants by risk from their persisted summaries (a query over grain state, not a second copy): every
/// silo of a cluster answers the same, and a merchant's grain stays the only writer of its numbers.
/// </summary>
public interface IMerchantDirectory
{
    Task<MerchantPage> ListAsync(MerchantQuery query, CancellationToken cancellationToken);

    /// <summary>Ids of every merchant with a summary, in byte order after <paramref name="after"/> (null: from the start), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<string>> ListIdsAsync(string? after, int limit, CancellationToken cancellationToken);
}

internal static class MerchantQueryMatch
{
    public static bool MatchesId(this MerchantQuery query, string merchantId) =>
        query.Prefix is not { } prefix || merchantId.ToLowerInvariant().StartsWith(prefix, StringComparison.Ordinal);

    public static bool Matches(this MerchantQuery query, MerchantSummary summary) =>
        (query.Program, query.Status) switch
        {
            (null, null) => true,
            ({ } program, null) => summary.Programs.Any(p => p.Program == program),
            (null, { } status) => summary.Programs.Any(p => p.Status == status),
            ({ } program, { } status) => summary.Programs.Any(p => p.Program == program && p.Status == status),
        };
}
