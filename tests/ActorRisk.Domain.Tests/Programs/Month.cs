namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// Builds <see cref="MerchantMonthTotals"/> for program tests: one network's sales and disputes, Visa fraud amounts,
/// VAMP items or EFM fraud chargebacks. Sales are card-not-present unless stated; every dispute counts for Visa's
/// per-card rule (the ledger tests cover that rule).
/// </summary>
internal static class Month
{
    public static YearMonth Ym(int year, int month) => new(year, month);

    public static MerchantMonthTotals Empty(YearMonth month) => MerchantMonthTotals.Empty(month);

    public static MerchantMonthTotals Of(YearMonth month, NetworkMonthTotals? visa = null, NetworkMonthTotals? mastercard = null) =>
        new(month, visa ?? NetworkMonthTotals.Empty, mastercard ?? NetworkMonthTotals.Empty);

    /// <summary>Network totals with <paramref name="sales"/> card-not-present sales and <paramref name="disputes"/> disputes.</summary>
    public static NetworkMonthTotals Counts(long sales, long disputes) => new()
    {
        CardNotPresentSalesCount = sales,
        DisputeCount = disputes,
        CountableDisputeCount = disputes,
    };

    /// <summary>VDMP month: Visa sales count and disputes.</summary>
    public static MerchantMonthTotals Visa(YearMonth month, long sales, long disputes) => Of(month, visa: Counts(sales, disputes));

    /// <summary>ECM month: Mastercard sales count (next month's denominator) and chargebacks.</summary>
    public static MerchantMonthTotals Mastercard(YearMonth month, long sales, long chargebacks) => Of(month, mastercard: Counts(sales, chargebacks));

    /// <summary>VFMP month: Visa sales amount and fraud-report amount in USD (major units).</summary>
    public static MerchantMonthTotals VisaFraud(YearMonth month, decimal salesUsd, decimal fraudUsd, long fraudReports = 10) =>
        Of(month, visa: new NetworkMonthTotals
        {
            CardNotPresentSalesCount = 1_000,
            CardNotPresentSalesAmount = Money.Usd(salesUsd),
            FraudReportCount = fraudReports,
            FraudReportAmount = Money.Usd(fraudUsd),
        });

    /// <summary>VAMP month on Visa: TC40 fraud reports and TC15 disputes over card-not-present sales.</summary>
    public static MerchantMonthTotals Vamp(
        YearMonth month,
        long cardNotPresentSales,
        long fraudReports,
        long disputes,
        long cardPresentSales = 0,
        long compellingEvidence = 0,
        long rdrResolved = 0) =>
        Of(month, visa: new NetworkMonthTotals
        {
            CardNotPresentSalesCount = cardNotPresentSales,
            CardPresentSalesCount = cardPresentSales,
            FraudReportCount = fraudReports,
            CompellingEvidenceFraudReportCount = compellingEvidence,
            DisputeCount = disputes,
            CountableDisputeCount = disputes,
            RdrResolvedDisputeCount = rdrResolved,
        });

    /// <summary>
    /// EFM (and ECM) month on Mastercard: card-not-present sales with 3-D Secure, fraud chargebacks with their USD
    /// amount, and all chargebacks (at least the fraud ones).
    /// </summary>
    public static MerchantMonthTotals MastercardFraud(
        YearMonth month,
        long sales,
        long threeDs,
        long fraudChargebacks,
        decimal fraudUsd,
        long? chargebacks = null) =>
        Of(month, mastercard: new NetworkMonthTotals
        {
            CardNotPresentSalesCount = sales,
            ThreeDsAuthenticatedCount = threeDs,
            DisputeCount = chargebacks ?? fraudChargebacks,
            CountableDisputeCount = chargebacks ?? fraudChargebacks,
            FraudDisputeCount = fraudChargebacks,
            FraudDisputeAmount = Money.Usd(fraudUsd),
        });

    public static Money Usd(decimal major) => Money.Usd(major);

    public static Money Eur(decimal major) => Money.Eur(major);
}
