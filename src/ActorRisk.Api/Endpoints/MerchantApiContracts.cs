using ActorRisk.Domain.Merchants;
using ActorRisk.Domain.Programs;
using ActorRisk.ReadModels.Merchants;

namespace ActorRisk.Api.Endpoints;

// The JSON shapes of the merchant API. Money is { amount, currency } in minor units; ratios are decimals
// (0.009 = 0.9%); months are "yyyy-MM".

/// <summary>POST /v1/sales: a settlement batch (many sales in one record).</summary>
public sealed record SalesBatchBody(string BatchId, string MerchantId, string Network, long Count, long Amount, string Currency, bool CardPresent, string Date, long? ThreeDsAuthenticated);

/// <summary>POST /v1/disputes. cardToken (or pan, tokenized at the edge) applies Visa's first-10-disputes-per-card rule.</summary>
public sealed record DisputeBody(string DisputeId, string MerchantId, string Network, long Amount, string Currency, string ReasonCode, bool Fraud, string? CardToken, string? Pan, string Date, bool? ResolvedByRdr);

/// <summary>POST /v1/fraud-reports: an issuer fraud report (Visa TC40, Mastercard SAFE).</summary>
public sealed record FraudReportBody(string ReportId, string MerchantId, string Network, long Amount, string Currency, string Date, bool? CompellingEvidence);

/// <summary>PUT /v1/merchants/{merchantId}/profile.</summary>
public sealed record MerchantProfileBody(string? Mcc, bool? HighBrandRisk, bool? RegulatedMarket, string Reason);

public sealed record IngestionResponse(string Kind, string Id, string MerchantId, YearMonth Month, bool Late, Money AmountUsd, DateTimeOffset RecordedAt, bool Replayed);

public sealed record NetworkTotalsBody(
    long SalesCount,
    Money SalesAmount,
    long CardPresentSalesCount,
    long CardNotPresentSalesCount,
    long ThreeDsAuthenticatedCount,
    long Disputes,
    long CountableDisputes,
    Money DisputeAmount,
    long FraudDisputes,
    Money FraudDisputeAmount,
    long FraudReports,
    Money FraudReportAmount,
    long Authorizations,
    long EnumeratedAuthorizations);

public sealed record MonthTotalsBody(YearMonth Month, NetworkTotalsBody Visa, NetworkTotalsBody Mastercard);

/// <summary>A program's metric: count (and amount) over the denominator; ratio null when the denominator is zero.</summary>
public sealed record RatioBody(string Program, string Network, string Metric, long Count, Money Amount, long Denominator, Money DenominatorAmount, decimal? Ratio);

/// <summary>Where the merchant stands in a program after the last closed month.</summary>
public sealed record ProgramBody(
    string Program,
    string Network,
    YearMonth ClosedMonth,
    string Status,
    string Transition,
    string? Tier,
    int MonthInProgram,
    Money FineThisMonth,
    Money FinesToDate,
    int? MonthsBelowToExit,
    decimal? Ratio,
    string Reason,
    IReadOnlyList<string> Reasons);

/// <summary>The running month at the current pace: the ratio at month end and how many more items reach the entry tier.</summary>
public sealed record ProjectionBody(
    string Program,
    string TargetTier,
    decimal ElapsedFraction,
    decimal? RatioNow,
    decimal? EndOfMonthRatio,
    long? DisputesToThreshold,
    Money? AmountToThreshold,
    string Warning,
    IReadOnlyList<string> Reasons);

public sealed record HistoryProgramBody(string Program, string Status, string? Tier, int MonthInProgram, decimal? Ratio, Money Fine);

public sealed record LateBody(long SalesBatches, long Disputes, long FraudReports);

/// <summary>A closed month; <c>imported</c>: its totals came from a history import, not from live records.</summary>
public sealed record HistoryMonthBody(YearMonth Month, MonthTotalsBody Totals, IReadOnlyList<HistoryProgramBody> Programs, LateBody Late, DateTimeOffset ClosedAt, bool Imported);

/// <summary>
/// One month on one network as the merchant's earlier system counted it (history import). Counts are whole numbers;
/// amounts are Money in minor units, in any currency with a USD rate.
/// </summary>
public sealed record HistoryRowBody(
    string Month,
    string Network,
    long SalesCount,
    Money SalesAmount,
    long CardNotPresentSalesCount,
    Money? CardNotPresentSalesAmount,
    long? ThreeDsAuthenticatedCount,
    long DisputeCount,
    long? CountableDisputeCount,
    Money DisputeAmount,
    long FraudDisputeCount,
    Money? FraudDisputeAmount,
    long? RdrResolvedDisputeCount,
    long FraudReportCount,
    Money FraudReportAmount,
    long? CompellingEvidenceFraudReportCount,
    long? AuthorizationCount,
    long? EnumeratedAuthorizationCount);

/// <summary>POST /v1/merchants/{merchantId}/history: up to 240 rows, all imported or none.</summary>
public sealed record HistoryImportBody(IReadOnlyList<HistoryRowBody> Months, bool? Replace, string? Reason);

/// <summary>
/// What a history batch did: rows imported now, replaced (with replace=true), unchanged (the same totals as
/// imported before), and rejected; errors lists the first 1,000 rejected rows with the merchant id as their id.
/// </summary>
public sealed record HistoryBatchResponse(int Lines, int Imported, int Replaced, int Unchanged, int Rejected, IReadOnlyList<BulkRowError> Errors, bool ErrorsTruncated);

public sealed record MerchantProfileResponse(string? Mcc, bool HighBrandRisk, bool RegulatedMarket);

public sealed record MerchantResponse(
    string MerchantId,
    MerchantProfileResponse Profile,
    YearMonth Month,
    MonthTotalsBody Totals,
    IReadOnlyList<RatioBody> Ratios,
    YearMonth? LastClosedMonth,
    IReadOnlyList<ProgramBody> Programs,
    IReadOnlyList<ProjectionBody> Projection,
    IReadOnlyList<HistoryMonthBody> History,
    IReadOnlyList<LateMonthBody> Late,
    CardTestingBody CardTesting,
    SuspensionBody? Suspension);

/// <summary>The acquirer's suspension of a merchant: every authorization there is declined until it is reinstated.</summary>
public sealed record SuspensionBody(string Reason, string SuspendedBy, DateTimeOffset Since);

/// <summary>A merchant's suspension after an operator suspended or reinstated it (null: accepting payments).</summary>
public sealed record MerchantSuspensionResponse(string MerchantId, bool Suspended, SuspensionBody? Suspension);

/// <summary>The merchant-level card-testing signal: distinct cards with small authorizations in the window, and the lockdown.</summary>
public sealed record CardTestingBody(int DistinctCardsInWindow, int WindowMinutes, int Threshold, bool LockedDown, DateTimeOffset? LockdownUntil);

/// <summary>Records that arrived after their month closed, per month (also months closed before the merchant's first record).</summary>
public sealed record LateMonthBody(YearMonth Month, long SalesBatches, long Disputes, long FraudReports);

/// <summary>One rejected row of a bulk upload: its line (1-based), id if readable, status and the fields at fault.</summary>
public sealed record BulkRowError(int Line, string? Id, int Status, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// What a bulk upload did. accepted counts rows recorded now or earlier (replayed), late counts rows dated in a
/// closed month; errors lists the first 1,000 rejected rows (errorsTruncated when there were more).
/// </summary>
public sealed record BulkImportResponse(int Lines, int Accepted, int Replayed, int Late, int Rejected, IReadOnlyList<BulkRowError> Errors, bool ErrorsTruncated);

public sealed record MerchantListProgramBody(string Program, string Status, string? Tier, int MonthInProgram, decimal? ClosedRatio, decimal? ProjectedRatio, string Warning);

public sealed record MerchantListItem(string MerchantId, decimal RiskScore, YearMonth Month, YearMonth? LastClosedMonth, Money FinesToDateUsd, IReadOnlyList<MerchantListProgramBody> Programs);

public sealed record MerchantListResponse(IReadOnlyList<MerchantListItem> Items, int Page, int PageSize, long Total);

public sealed record MonthCloseResponse(YearMonth Month, int Merchants, int ClosedNow, int AlreadyClosed, IReadOnlyList<string> Failed);

internal static class MerchantMapping
{
    public static IngestionResponse ToResponse(this IngestionReceipt receipt) =>
        new(MerchantEvent.ScopeOf(receipt.Kind), receipt.Id, receipt.MerchantId, receipt.Month, receipt.Late, receipt.AmountUsd, receipt.RecordedAt, receipt.Replayed);

    public static SuspensionBody? ToBody(this MerchantSuspension? suspension) =>
        suspension is null ? null : new(suspension.Reason, suspension.SuspendedBy, suspension.Since);

    public static MerchantResponse ToResponse(this MerchantSnapshot merchant, MerchantSuspension? suspension)
    {
        var late = merchant.Late.ToDictionary(l => l.Month);
        var lastClose = merchant.LastClose;
        return new MerchantResponse(
            merchant.MerchantId,
            new MerchantProfileResponse(merchant.Profile.Mcc, merchant.Profile.IsHighBrandRisk, merchant.Profile.RegulatedMarket),
            merchant.Month,
            merchant.Totals.ToBody(),
            [.. merchant.Projection.Select(p => new RatioBody(p.Program.ToString(), p.Network.Name(), p.Current.Kind.Name(), p.Current.Count, p.Current.Amount, p.Current.DenominatorCount, p.Current.DenominatorAmount, p.Current.Ratio))],
            merchant.LastClosedMonth,
            lastClose is null ? [] : [.. lastClose.Programs.Select(p => new ProgramBody(
                p.Program.ToString(), p.Network.Name(), p.Month, p.Status.Name(), p.Transition.Name(), p.Tier, p.MonthInProgram, p.Fine, p.FinesToDate,
                p.MonthsBelowToExit, p.Metric.Ratio, p.Reasons.Length > 1 ? p.Reasons[1] : p.Reasons.FirstOrDefault() ?? string.Empty, p.Reasons))],
            [.. merchant.Projection.Select(p => new ProjectionBody(
                p.Program.ToString(), p.TargetTier, p.ElapsedFraction, p.Current.Ratio, p.AtMonthEnd.Ratio, p.ItemsToThreshold, p.AmountToThreshold, p.Warning.Name(), p.Reasons))],
            [.. merchant.History.Reverse().Select(m => new HistoryMonthBody(
                m.Month,
                m.Totals.ToBody(),
                [.. m.Programs.Select(p => new HistoryProgramBody(p.Program.ToString(), p.Status.Name(), p.Tier, p.MonthInProgram, p.Metric.Ratio, p.Fine))],
                late.TryGetValue(m.Month, out var l) ? new LateBody(l.SalesBatches, l.Disputes, l.FraudReports) : new LateBody(0, 0, 0),
                m.ClosedAt,
                m.Imported))],
            [.. merchant.Late.Reverse().Select(l => new LateMonthBody(l.Month, l.SalesBatches, l.Disputes, l.FraudReports))],
            new CardTestingBody(
                merchant.CardTesting.DistinctCardsInWindow,
                (int)merchant.CardTesting.Window.TotalMinutes,
                merchant.CardTesting.Threshold,
                merchant.CardTesting.LockedDown,
                merchant.CardTesting.LockdownUntil),
            suspension.ToBody());
    }

    public static MerchantListResponse ToResponse(this MerchantPage page) => new(
        [.. page.Items.Select(s => new MerchantListItem(s.MerchantId, s.RiskScore, s.Month, s.LastClosedMonth, s.FinesToDateUsd,
            [.. s.Programs.Select(p => new MerchantListProgramBody(p.Program.ToString(), p.Status.Name(), p.Tier, p.MonthInProgram, p.ClosedRatio, p.ProjectedRatio, p.Warning.Name()))]))],
        page.Page,
        page.PageSize,
        page.Total);

    private static MonthTotalsBody ToBody(this MerchantMonthTotals totals) => new(totals.Month, totals.Visa.ToBody(), totals.Mastercard.ToBody());

    private static NetworkTotalsBody ToBody(this NetworkMonthTotals t) => new(
        t.SalesCount, t.SalesAmount, t.CardPresentSalesCount, t.CardNotPresentSalesCount, t.ThreeDsAuthenticatedCount,
        t.DisputeCount, t.CountableDisputeCount, t.DisputeAmount, t.FraudDisputeCount, t.FraudDisputeAmount,
        t.FraudReportCount, t.FraudReportAmount, t.AuthorizationCount, t.EnumeratedAuthorizationCount);
}
