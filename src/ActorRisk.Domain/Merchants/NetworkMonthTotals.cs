namespace ActorRisk.Domain.Merchants;

/// <summary>
/// One merchant's totals on one network for one month. Amounts are USD (converted at ingestion), because
/// the networks' amount thresholds are in USD. Card-present and card-not-present sales are kept apart
/// because VAMP's denominator is card-not-present only.
/// </summary>
public sealed record NetworkMonthTotals
{
    private static readonly Values.Money NoUsd = Values.Money.Zero("USD");

    public long CardPresentSalesCount { get; init; }

    public Values.Money CardPresentSalesAmount { get; init; } = NoUsd;

    public long CardNotPresentSalesCount { get; init; }

    public Values.Money CardNotPresentSalesAmount { get; init; } = NoUsd;

    /// <summary>Card-not-present sales authenticated with 3-D Secure (EFM's 3DS share).</summary>
    public long ThreeDsAuthenticatedCount { get; init; }

    /// <summary>Disputes (Visa TC15) or chargebacks (Mastercard) received this month, all of them.</summary>
    public long DisputeCount { get; init; }

    /// <summary>Disputes after Visa's per-card limit (only the first N per card per month count).</summary>
    public long CountableDisputeCount { get; init; }

    public Values.Money DisputeAmount { get; init; } = NoUsd;

    /// <summary>Disputes with a fraud reason code (Mastercard 4837/4863; Visa fraud category).</summary>
    public long FraudDisputeCount { get; init; }

    public Values.Money FraudDisputeAmount { get; init; } = NoUsd;

    /// <summary>Disputes resolved through Rapid Dispute Resolution before becoming disputes: excluded from VAMP.</summary>
    public long RdrResolvedDisputeCount { get; init; }

    /// <summary>Issuer fraud reports (Visa TC40, Mastercard SAFE).</summary>
    public long FraudReportCount { get; init; }

    public Values.Money FraudReportAmount { get; init; } = NoUsd;

    /// <summary>Fraud reports covered by Compelling Evidence 3.0: excluded from VAMP.</summary>
    public long CompellingEvidenceFraudReportCount { get; init; }

    public long AuthorizationCount { get; init; }

    /// <summary>Authorizations judged to be card testing (enumeration) by the card grains.</summary>
    public long EnumeratedAuthorizationCount { get; init; }

    public static NetworkMonthTotals Empty { get; } = new();

    public long SalesCount => checked(CardPresentSalesCount + CardNotPresentSalesCount);

    public Values.Money SalesAmount => CardPresentSalesAmount + CardNotPresentSalesAmount;

    /// <summary>Every count and amount multiplied by <paramref name="factor"/>, rounded to whole items and cents (projections).</summary>
    public NetworkMonthTotals Scale(decimal factor)
    {
        // A projection past the largest representable count is reported at that ceiling rather than failing.
        long Count(long value) => Math.Round(value * factor, MidpointRounding.AwayFromZero) is var scaled && scaled >= long.MaxValue ? long.MaxValue : (long)scaled;
        Values.Money Amount(Values.Money value) => new(Count(value.Amount), value.Currency);
        return new NetworkMonthTotals
        {
            CardPresentSalesCount = Count(CardPresentSalesCount),
            CardPresentSalesAmount = Amount(CardPresentSalesAmount),
            CardNotPresentSalesCount = Count(CardNotPresentSalesCount),
            CardNotPresentSalesAmount = Amount(CardNotPresentSalesAmount),
            ThreeDsAuthenticatedCount = Count(ThreeDsAuthenticatedCount),
            DisputeCount = Count(DisputeCount),
            CountableDisputeCount = Count(CountableDisputeCount),
            DisputeAmount = Amount(DisputeAmount),
            FraudDisputeCount = Count(FraudDisputeCount),
            FraudDisputeAmount = Amount(FraudDisputeAmount),
            RdrResolvedDisputeCount = Count(RdrResolvedDisputeCount),
            FraudReportCount = Count(FraudReportCount),
            FraudReportAmount = Amount(FraudReportAmount),
            CompellingEvidenceFraudReportCount = Count(CompellingEvidenceFraudReportCount),
            AuthorizationCount = Count(AuthorizationCount),
            EnumeratedAuthorizationCount = Count(EnumeratedAuthorizationCount),
        };
    }
}
