namespace ActorRisk.Domain.Merchants;

/// <summary>
/// One merchant's month on one network as an earlier system counted it: the monthly totals a processor brings when
/// it adopts ActorRisk (history import). Amounts are in any currency with a USD rate; counts are the network's own
/// (Visa's first-N-disputes-per-card rule already applied, hence <see cref="CountableDisputeCount"/>). Optional
/// parts default to what a month without them means: no 3-D Secure, no RDR or Compelling Evidence exclusions, no
/// authorizations counted.
/// </summary>
public sealed record ReportedMonth
{
    public required YearMonth Month { get; init; }

    public required CardNetwork Network { get; init; }

    public long SalesCount { get; init; }

    public required Values.Money SalesAmount { get; init; }

    public long CardNotPresentSalesCount { get; init; }

    /// <summary>
    /// When absent, the sales amount is split by count. No program reads the split (VAMP counts card-not-present sales,
    /// VFMP uses all sales), so it only shapes how the month is shown.
    /// </summary>
    public Values.Money? CardNotPresentSalesAmount { get; init; }

    public long ThreeDsAuthenticatedCount { get; init; }

    public long DisputeCount { get; init; }

    /// <summary>Disputes that count toward Visa's ratio; when absent, all of them.</summary>
    public long? CountableDisputeCount { get; init; }

    public required Values.Money DisputeAmount { get; init; }

    public long FraudDisputeCount { get; init; }

    /// <summary>Required when there are fraud disputes (EFM's amount threshold); zero otherwise.</summary>
    public Values.Money? FraudDisputeAmount { get; init; }

    public long RdrResolvedDisputeCount { get; init; }

    public long FraudReportCount { get; init; }

    public required Values.Money FraudReportAmount { get; init; }

    public long CompellingEvidenceFraudReportCount { get; init; }

    public long AuthorizationCount { get; init; }

    public long EnumeratedAuthorizationCount { get; init; }

    /// <summary>
    /// What makes these totals impossible, as (field, problem) pairs named as the API names them: parts larger than
    /// their whole, negative numbers, amounts without a USD rate. Empty when the month can be counted.
    /// </summary>
    public IReadOnlyList<(string Field, string Problem)> Problems(ExchangeRateTable rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var problems = new List<(string, string)>();
        void Count(string field, long value)
        {
            if (value < 0)
            {
                problems.Add((field, "Must not be negative."));
            }
        }

        void Amount(string field, Values.Money? value)
        {
            if (value is not { } money)
            {
                return;
            }

            if (money.Amount < 0)
            {
                problems.Add(($"{field}.amount", "Must not be negative."));
            }

            if (!rates.CanConvert(money.Currency))
            {
                problems.Add(($"{field}.currency", $"No USD rate is configured for {money.Currency} (ActorRisk:ExchangeRates); amounts must be converted for the networks' USD thresholds."));
            }
        }

        void Part(string field, long part, long whole, string wholeField)
        {
            if (part > whole)
            {
                problems.Add((field, $"Must not exceed {wholeField} ({whole:N0})."));
            }
        }

        Count("salesCount", SalesCount);
        Count("cardNotPresentSalesCount", CardNotPresentSalesCount);
        Count("threeDsAuthenticatedCount", ThreeDsAuthenticatedCount);
        Count("disputeCount", DisputeCount);
        Count("countableDisputeCount", CountableDisputeCount ?? 0);
        Count("fraudDisputeCount", FraudDisputeCount);
        Count("rdrResolvedDisputeCount", RdrResolvedDisputeCount);
        Count("fraudReportCount", FraudReportCount);
        Count("compellingEvidenceFraudReportCount", CompellingEvidenceFraudReportCount);
        Count("authorizationCount", AuthorizationCount);
        Count("enumeratedAuthorizationCount", EnumeratedAuthorizationCount);
        Amount("salesAmount", SalesAmount);
        Amount("cardNotPresentSalesAmount", CardNotPresentSalesAmount);
        Amount("disputeAmount", DisputeAmount);
        Amount("fraudDisputeAmount", FraudDisputeAmount);
        Amount("fraudReportAmount", FraudReportAmount);

        Part("cardNotPresentSalesCount", CardNotPresentSalesCount, SalesCount, "salesCount");
        Part("threeDsAuthenticatedCount", ThreeDsAuthenticatedCount, CardNotPresentSalesCount, "cardNotPresentSalesCount");
        Part("countableDisputeCount", CountableDisputeCount ?? 0, DisputeCount, "disputeCount");
        Part("fraudDisputeCount", FraudDisputeCount, DisputeCount, "disputeCount");
        Part("rdrResolvedDisputeCount", RdrResolvedDisputeCount, DisputeCount, "disputeCount");
        Part("compellingEvidenceFraudReportCount", CompellingEvidenceFraudReportCount, FraudReportCount, "fraudReportCount");
        Part("enumeratedAuthorizationCount", EnumeratedAuthorizationCount, AuthorizationCount, "authorizationCount");

        if (CardNotPresentSalesAmount is { } cnp && cnp.Currency == SalesAmount.Currency && cnp.Amount > SalesAmount.Amount)
        {
            problems.Add(("cardNotPresentSalesAmount.amount", "Must not exceed salesAmount."));
        }

        if (CardNotPresentSalesAmount is { } other && other.Currency != SalesAmount.Currency)
        {
            problems.Add(("cardNotPresentSalesAmount.currency", $"Must be in the currency of salesAmount ({SalesAmount.Currency})."));
        }

        if (FraudDisputeCount > 0 && FraudDisputeAmount is null)
        {
            problems.Add(("fraudDisputeAmount", "Required when fraudDisputeCount is more than 0 (Mastercard's EFM has an amount threshold)."));
        }

        if (FraudDisputeAmount is { } fraud && fraud.Currency == DisputeAmount.Currency && fraud.Amount > DisputeAmount.Amount)
        {
            problems.Add(("fraudDisputeAmount.amount", "Must not exceed disputeAmount."));
        }

        return problems;
    }

    /// <summary>
    /// The same month with every optional part stated: all disputes countable, no fraud dispute amount, the sales
    /// amount split by count. Two rows that differ only in leaving a part out or sending its default are then equal.
    /// </summary>
    public ReportedMonth WithDefaults() => this with
    {
        CountableDisputeCount = CountableDisputeCount ?? DisputeCount,
        FraudDisputeAmount = FraudDisputeAmount ?? Values.Money.Zero(DisputeAmount.Currency),
        CardNotPresentSalesAmount = CardNotPresentSalesAmount ?? (SalesCount == 0
            ? Values.Money.Zero(SalesAmount.Currency)
            : new Values.Money((long)Math.Round((decimal)SalesAmount.Amount * CardNotPresentSalesCount / SalesCount, MidpointRounding.AwayFromZero), SalesAmount.Currency)),
    };

    /// <summary>The month as the programs read it: amounts in USD, card-present and card-not-present apart.</summary>
    /// <exception cref="ArgumentException">The totals have <see cref="Problems"/>.</exception>
    /// <exception cref="LedgerOverflowException">An amount in USD is past the largest value a total can hold.</exception>
    public NetworkMonthTotals ToTotals(ExchangeRateTable rates)
    {
        if (Problems(rates) is { Count: > 0 } problems)
        {
            throw new ArgumentException($"{Month} {Network}: {problems[0].Field}: {problems[0].Problem}", nameof(rates));
        }

        var stated = WithDefaults();
        var sales = LedgerOverflowException.Guard("salesAmount", () => rates.ToUsd(SalesAmount));
        var cardNotPresent = LedgerOverflowException.Guard("cardNotPresentSalesAmount", () => rates.ToUsd(stated.CardNotPresentSalesAmount!.Value));
        return new NetworkMonthTotals
        {
            CardPresentSalesCount = SalesCount - CardNotPresentSalesCount,
            CardPresentSalesAmount = sales - cardNotPresent,
            CardNotPresentSalesCount = CardNotPresentSalesCount,
            CardNotPresentSalesAmount = cardNotPresent,
            ThreeDsAuthenticatedCount = ThreeDsAuthenticatedCount,
            DisputeCount = DisputeCount,
            CountableDisputeCount = stated.CountableDisputeCount!.Value,
            DisputeAmount = LedgerOverflowException.Guard("disputeAmount", () => rates.ToUsd(DisputeAmount)),
            FraudDisputeCount = FraudDisputeCount,
            FraudDisputeAmount = LedgerOverflowException.Guard("fraudDisputeAmount", () => rates.ToUsd(stated.FraudDisputeAmount!.Value)),
            RdrResolvedDisputeCount = RdrResolvedDisputeCount,
            FraudReportCount = FraudReportCount,
            FraudReportAmount = LedgerOverflowException.Guard("fraudReportAmount", () => rates.ToUsd(FraudReportAmount)),
            CompellingEvidenceFraudReportCount = CompellingEvidenceFraudReportCount,
            AuthorizationCount = AuthorizationCount,
            EnumeratedAuthorizationCount = EnumeratedAuthorizationCount,
        };
    }
}
