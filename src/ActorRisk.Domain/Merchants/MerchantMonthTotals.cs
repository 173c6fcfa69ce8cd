namespace ActorRisk.Domain.Merchants;

/// <summary>A merchant's totals for one month on every network.</summary>
public sealed record MerchantMonthTotals(YearMonth Month, NetworkMonthTotals Visa, NetworkMonthTotals Mastercard)
{
    public static MerchantMonthTotals Empty(YearMonth month) => new(month, NetworkMonthTotals.Empty, NetworkMonthTotals.Empty);

    public NetworkMonthTotals For(CardNetwork network) => network switch
    {
        CardNetwork.Visa => Visa,
        CardNetwork.Mastercard => Mastercard,
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };

    public MerchantMonthTotals With(CardNetwork network, NetworkMonthTotals totals) => network switch
    {
        CardNetwork.Visa => this with { Visa = totals },
        CardNetwork.Mastercard => this with { Mastercard = totals },
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };
}
