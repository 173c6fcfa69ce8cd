namespace ActorRisk.Grains.Tests.Support;

/// <summary>Requests as the API sends them to grains, each test with its own ids so tests sharing a cluster never meet.</summary>
public static class Requests
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A card-not-present authorization with the security code, above the small-amount threshold: no rule fires.</summary>
    public static AuthorizationRequest Authorization(string id, string merchantId, decimal usd = 25m, string? last4 = "4242", CardNetwork? network = CardNetwork.Visa) =>
        new(new CardAuthorization(id, merchantId, Money.Usd(usd), CvcProvided: true, CardType: CardType.Credit), last4, network);

    /// <summary>One record of <paramref name="kind"/>, dated in the running month, counted as one on Visa.</summary>
    public static MerchantEvent Record(MerchantEventKind kind, string id, DateTimeOffset date, decimal usd = 120m) => kind switch
    {
        MerchantEventKind.Sales => new(kind, id, CardNetwork.Visa, date, Money.Usd(usd), Count: 1),
        MerchantEventKind.Dispute => new(kind, id, CardNetwork.Visa, date, Money.Usd(usd), ReasonCode: "10.4", Fraud: true, CardToken: "card-x"),
        _ => new(kind, id, CardNetwork.Visa, date, Money.Usd(usd)),
    };

    /// <summary>How many records of <paramref name="kind"/> the totals hold.</summary>
    public static long Counted(MerchantEventKind kind, MerchantMonthTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return kind switch
        {
            MerchantEventKind.Sales => totals.Visa.SalesCount,
            MerchantEventKind.Dispute => totals.Visa.DisputeCount,
            _ => totals.Visa.FraudReportCount,
        };
    }

    /// <summary>Attempts the card counted over the last day (the display window that outlasts every clock move here).</summary>
    public static int Attempts(CardSnapshot card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.Counters.Single(c => c.Window == "24h").Attempts;
    }

    public static TheoryData<MerchantEventKind> Kinds() => new(Enum.GetValues<MerchantEventKind>());
}
