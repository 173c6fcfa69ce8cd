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

        var usd = rates.ToUsd(amount);
        var t = Totals.For(network);
        t = cardPresent
            ? t with { CardPresentSalesCount = checked(t.CardPresentSalesCount + count), CardPresentSalesAmount = t.CardPresentSalesAmount + usd }
            : t with
            {
                CardNotPresentSalesCount = checked(t.CardNotPresentSalesCount + count),
                CardNotPresentSalesAmount = t.CardNotPresentSalesAmount + usd,
                ThreeDsAuthenticatedCount = checked(t.ThreeDsAuthenticatedCount + threeDsAuthenticated),
            };
        return this with { Totals = Totals.With(network, t) };
    }

    public MerchantMonthLedger AddDispute(CardNetwork network, Values.Money amount, bool fraud, string? cardToken, ExchangeRateTable rates, bool resolvedByRdr = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount.Amount, nameof(amount));
        var usd = rates.ToUsd(amount);
        var perCard = VisaDisputesPerCard;
        var countable = true;
        if (network == CardNetwork.Visa && !string.IsNullOrEmpty(cardToken))
        {
            var already = perCard.GetValueOrDefault(cardToken);
            countable = already < VisaDisputesPerCardLimit;
            perCard = perCard.SetItem(cardToken, already + 1);
        }

        var t = Totals.For(network);
        t = t with
        {
            DisputeCount = t.DisputeCount + 1,
            CountableDisputeCount = t.CountableDisputeCount + (countable ? 1 : 0),
            DisputeAmount = t.DisputeAmount + usd,
            FraudDisputeCount = t.FraudDisputeCount + (fraud ? 1 : 0),
            FraudDisputeAmount = fraud ? t.FraudDisputeAmount + usd : t.FraudDisputeAmount,
            RdrResolvedDisputeCount = t.RdrResolvedDisputeCount + (resolvedByRdr ? 1 : 0),
        };
        return this with { Totals = Totals.With(network, t), VisaDisputesPerCard = perCard };
    }

    public MerchantMonthLedger AddFraudReport(CardNetwork network, Values.Money amount, ExchangeRateTable rates, bool compellingEvidence = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount.Amount, nameof(amount));
        var t = Totals.For(network);
        t = t with
        {
            FraudReportCount = t.FraudReportCount + 1,
            FraudReportAmount = t.FraudReportAmount + rates.ToUsd(amount),
            CompellingEvidenceFraudReportCount = t.CompellingEvidenceFraudReportCount + (compellingEvidence ? 1 : 0),
        };
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
        t = t with
        {
            AuthorizationCount = checked(t.AuthorizationCount + count),
            EnumeratedAuthorizationCount = checked(t.EnumeratedAuthorizationCount + enumerated),
        };
        return this with { Totals = Totals.With(network, t) };
    }
}
