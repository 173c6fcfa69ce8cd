using ActorRisk.Api.Endpoints;
using ActorRisk.Domain.Programs;
using ActorRisk.ReadModels.Merchants;

namespace ActorRisk.Portal.Components.Pages;

/// <summary>
/// The merchants list's filters, which its address can set (?q=&amp;program=&amp;status=, the overview's tiles link to
/// ?status=), and the directory query for one page of the grid: the grid's column and direction become the
/// directory's order and <see cref="MerchantQuery.Reverse"/>, so sorting and paging stay in the read model.
/// </summary>
public sealed record MerchantListQuery(string? Search, MonitoringProgram? Program, ProgramStatus? Status)
{
    /// <summary>The grid's sortable columns, named by the summary property each shows (MudDataGrid's SortBy).</summary>
    public const string MerchantColumn = nameof(MerchantSummary.MerchantId);

    public const string RiskColumn = nameof(MerchantSummary.RiskScore);

    public const string LastClosedColumn = nameof(MerchantSummary.LastClosedMonth);

    public const string FinesColumn = nameof(MerchantSummary.FinesToDateUsd);

    public const int MaxPageSize = 100;

    // Far beyond any real list, and low enough that page times size stays an int in the directories.
    private const int MaxPageIndex = 100_000;

    public static MerchantListQuery Empty { get; } = new(null, null, null);

    /// <summary>Reads the address's values; a value that names nothing is left out, as the old form did.</summary>
    public static MerchantListQuery Parse(string? search, string? program, string? status) => new(
        string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
        EnumNames.TryParse<MonitoringProgram>(program, out var p) ? p : null,
        EnumNames.TryParse<ProgramStatus>(status, out var s) ? s : null);

    /// <param name="pageIndex">The grid's page, from 0.</param>
    /// <param name="sortBy">The grid's sorted column (one of the column constants); any other (or none) is riskiest first.</param>
    public MerchantQuery ForPage(int pageIndex, int pageSize, string? sortBy, bool descending)
    {
        // Each order has a natural direction (ids A to Z, the rest highest first); the other one is its reverse.
        var (sort, naturallyDescending) = sortBy switch
        {
            MerchantColumn => (MerchantSort.MerchantId, false),
            LastClosedColumn => (MerchantSort.LastClosed, true),
            FinesColumn => (MerchantSort.Fines, true),
            RiskColumn => (MerchantSort.Risk, true),
            _ => (MerchantSort.Risk, descending),
        };
        var page = Math.Clamp(pageIndex, 0, MaxPageIndex) + 1;
        return new MerchantQuery(Program, Status, page, Math.Clamp(pageSize, 1, MaxPageSize), Search, sort, Reverse: descending != naturallyDescending);
    }
}
