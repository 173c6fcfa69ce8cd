namespace ActorRisk.Domain.Values;

/// <summary>
/// Converts amounts to USD for Visa's USD-denominated thresholds (VFMP, fines).
/// Rates are data supplied by the operator (configuration or API): USD per one major unit.
/// Results are rounded half away from zero to the cent.
/// </summary>
public sealed class ExchangeRateTable
{
    private readonly ImmutableDictionary<string, decimal> usdPerMajorUnit;

    public ExchangeRateTable(IReadOnlyDictionary<string, decimal> usdPerMajorUnit)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        foreach (var (code, rate) in usdPerMajorUnit)
        {
            var info = Iso4217.Get(code);
            if (rate <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(usdPerMajorUnit), $"The USD rate for {code} must be positive.");
            }

            builder[info.Code] = rate;
        }

        builder["USD"] = 1m;
        this.usdPerMajorUnit = builder.ToImmutable();
    }

    public static ExchangeRateTable UsdOnly { get; } = new(new Dictionary<string, decimal>());

    public IReadOnlyDictionary<string, decimal> Rates => usdPerMajorUnit;

    public bool CanConvert(string currency) => usdPerMajorUnit.ContainsKey(currency);

    public Money ToUsd(Money money)
    {
        if (money.Currency == "USD")
        {
            return money;
        }

        if (!usdPerMajorUnit.TryGetValue(money.Currency, out var rate))
        {
            throw new MissingExchangeRateException(money.Currency);
        }

        var usd = money.ToMajor() * rate;
        return new Money(checked((long)Math.Round(usd * 100m, MidpointRounding.AwayFromZero)), "USD");
    }
}

/// <summary>No USD rate is configured for a currency, so a USD threshold cannot be checked.</summary>
public sealed class MissingExchangeRateException(string currency)
    : InvalidOperationException($"No USD exchange rate is configured for {currency}.")
{
    public string Currency { get; } = currency;
}
