using ActorRisk.Domain.Merchants;
using ActorRisk.Domain.Programs;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// Reads the rows of a history import (POST /v1/merchants/{id}/history and its NDJSON batch): a month's totals on
/// one network as the earlier system counted them. Everything a row alone can be checked for is checked here, the
/// domain's rules included (parts larger than their whole, amounts without a USD rate), so a request learns all its
/// errors at once; the merchant grain then refuses what depends on the merchant (months it counts live, conflicts).
/// </summary>
internal static class HistoryRows
{
    /// <summary>The most rows one request to POST /v1/merchants/{id}/history may hold: 10 years of two networks.</summary>
    public const int MaxRowsPerRequest = 240;

    private const long MaxCount = 1_000_000_000_000;
    private const long MaxAmount = 1_000_000_000_000_000;

    /// <summary>The row, or null after failing each of its fields at fault on <paramref name="fields"/>.</summary>
    public static ReportedMonth? Parse(RequestFields fields, TimeProvider clock, MerchantSettings settings)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var errorsBefore = fields.Errors.Count;
        long Count(string name, bool required = false) => fields.Integer(name, required, 0, MaxCount, "items") ?? 0;
        Money? Optional(string name) => fields.Money(name, required: false, MaxAmount);

        // A field that cannot be read stands in as nothing here; its error refuses the row below.
        Money Required(string name) => fields.Money(name, required: true, MaxAmount) ?? Money.Zero("USD");
        var reported = new ReportedMonth
        {
            Month = Month(fields, clock, settings) ?? default,
            Network = fields.Enum<CardNetwork>("network", required: true) ?? default,
            SalesCount = Count("salesCount", required: true),
            SalesAmount = Required("salesAmount"),
            CardNotPresentSalesCount = Count("cardNotPresentSalesCount", required: true),
            CardNotPresentSalesAmount = Optional("cardNotPresentSalesAmount"),
            ThreeDsAuthenticatedCount = Count("threeDsAuthenticatedCount"),
            DisputeCount = Count("disputeCount", required: true),
            CountableDisputeCount = fields.Integer("countableDisputeCount", required: false, 0, MaxCount, "items"),
            DisputeAmount = Required("disputeAmount"),
            FraudDisputeCount = Count("fraudDisputeCount", required: true),
            FraudDisputeAmount = Optional("fraudDisputeAmount"),
            RdrResolvedDisputeCount = Count("rdrResolvedDisputeCount"),
            FraudReportCount = Count("fraudReportCount", required: true),
            FraudReportAmount = Required("fraudReportAmount"),
            CompellingEvidenceFraudReportCount = Count("compellingEvidenceFraudReportCount"),
            AuthorizationCount = Count("authorizationCount"),
            EnumeratedAuthorizationCount = Count("enumeratedAuthorizationCount"),
        };
        if (fields.Errors.Count > errorsBefore)
        {
            return null;
        }

        foreach (var (field, problem) in reported.Problems(settings.Rates))
        {
            fields.Fail(field, problem);
        }

        return fields.Errors.Count > errorsBefore ? null : reported;
    }

    // A month the rulebook covers and that has begun: a month still to come has no totals yet.
    private static YearMonth? Month(RequestFields fields, TimeProvider clock, MerchantSettings settings)
    {
        var month = fields.Month("month", required: true);
        if (month is not { } value)
        {
            return null;
        }

        if (value > YearMonth.Of(clock.GetUtcNow()))
        {
            fields.Fail("month", "Must not be in the future.");
            return null;
        }

        if (value < settings.EarliestMonth)
        {
            fields.Fail("month", $"Months before {settings.EarliestMonth} are not accepted (the program rulebook starts there).");
            return null;
        }

        return value;
    }
}
