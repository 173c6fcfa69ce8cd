namespace ActorRisk.Domain.Merchants;

/// <summary>
/// The running month's totals for one merchant, built event by event. It applies Visa's "first N disputes per
/// card per month" rule as disputes arrive, so it keeps a count per disputed card for this month only
/// (at most one entry per dispute; cleared when the month closes). Amounts are converted to USD here.
/// Idempotency (the same dispute id twice) is the caller's job: the ledger counts what it is given.
/// </summary>
public sealed record MerchantMonthLedger(
    MerchantMonthTotals Totals,
    ImmutableDictionary<string, int> VisaDisputesPerCard,
    int VisaDisputesPerCardLimit)
{
    public static MerchantMonthLedger Open(YearMonth month, int visaDisputesPerCardLimit) =>
        new(MerchantMonthTotals.Empty(month), ImmutableDictionary<string, int>.Empty, visaDisputesPerCardLimit);

    public YearMonth Month => Totals.Month;

    public MerchantMonthLedger AddSales(CardNetwork network, long count, Values.Money amount, bool cardPresent, ExchangeRateTable rates, long threeDsAuthenticated = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(amount.Amount, nameof(amount));
        if (threeDsAuthenticated < 0 || threeDsAuthenticated > count || (cardPresent && threeDsAuthenticated > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(threeDsAuthenticated), "3-D Secure applies to card-not-present sales and cannot exceed their count.");
        }

        var usd = LedgerOverflowException.Guard("amount", () => rates.ToUsd(amount));
        var t = Totals.For(network);
        var counts = LedgerOverflowException.Guard("count", () => cardPresent
            ? t with { CardPresentSalesCount = checked(t.CardPresentSalesCount + count) }
            : t with
            {
                CardNotPresentSalesCount = checked(t.CardNotPresentSalesCount + count),
                ThreeDsAuthenticatedCount = checked(t.ThreeDsAuthenticatedCount + threeDsAuthenticated),
            });
        _ = LedgerOverflowException.Guard("count", () => counts.SalesCount);

        // The card-present and card-not-present amounts are summed wherever the month is shown or stored, so their
        // sum must fit as well as each of them.
        var amounts = LedgerOverflowException.Guard("amount", () => cardPresent
            ? counts with { CardPresentSalesAmount = counts.CardPresentSalesAmount + usd }
            : counts with { CardNotPresentSalesAmount = counts.CardNotPresentSalesAmount + usd });
        _ = LedgerOverflowException.Guard("amount", () => amounts.SalesAmount);
        return this with { Totals = Totals.With(network, amounts) };
    }

    public MerchantMonthLedger AddDispute(CardNetwork network, Values.Money amount, bool fraud, string? cardToken, ExchangeRateTable rates, bool resolvedByRdr = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount.Amount, nameof(amount));
        var usd = LedgerOverflowException.Guard("amount", () => rates.ToUsd(amount));
        var perCard = VisaDisputesPerCard;
        var countable = true;
        if (network == CardNetwork.Visa && !string.IsNullOrEmpty(cardToken))
        {
            var already = perCard.GetValueOrDefault(cardToken);
            countable = already < VisaDisputesPerCardLimit;
            perCard = perCard.SetItem(cardToken, already + 1);
        }

        var t = Totals.For(network);
        t = LedgerOverflowException.Guard("amount", () => t with
        {
            DisputeCount = checked(t.DisputeCount + 1),
            CountableDisputeCount = checked(t.CountableDisputeCount + (countable ? 1 : 0)),
            DisputeAmount = t.DisputeAmount + usd,
            FraudDisputeCount = checked(t.FraudDisputeCount + (fraud ? 1 : 0)),
            FraudDisputeAmount = fraud ? t.FraudDisputeAmount + usd : t.FraudDisputeAmount,
            RdrResolvedDisputeCount = checked(t.RdrResolvedDisputeCount + (resolvedByRdr ? 1 : 0)),
        });
        return this with { Totals = Totals.With(network, t), VisaDisputesPerCard = perCard };
    }

    public MerchantMonthLedger AddFraudReport(CardNetwork network, Values.Money amount, ExchangeRateTable rates, bool compellingEvidence = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount.Amount, nameof(amount));
        var t = Totals.For(network);
        t = LedgerOverflowException.Guard("amount", () => t with
        {
            FraudReportCount = checked(t.FraudReportCount + 1),
            FraudReportAmount = t.FraudReportAmount + rates.ToUsd(amount),
            CompellingEvidenceFraudReportCount = checked(t.CompellingEvidenceFraudReportCount + (compellingEvidence ? 1 : 0)),
        });
        return this with { Totals = Totals.With(network, t) };
    }

    public MerchantMonthLedger AddAuthorizations(CardNetwork network, long count, long enumerated)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (enumerated < 0 || enumerated > count)
        {
            throw new ArgumentOutOfRangeException(nameof(enumerated), "Enumerated authorizations are a part of all authorizations.");
        }

        var t = Totals.For(network);
        t = LedgerOverflowException.Guard("count", () => t with
        {
            AuthorizationCount = checked(t.AuthorizationCount + count),
            EnumeratedAuthorizationCount = checked(t.EnumeratedAuthorizationCount + enumerated),
        });
        return this with { Totals = Totals.With(network, t) };
    }
}
