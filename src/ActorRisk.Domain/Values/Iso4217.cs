namespace ActorRisk.Domain.Values;

/// <summary>
/// The ISO 4217 currencies the engine accepts, with their minor-unit digits.
/// Amounts are always carried in minor units, so the digit count is what turns
/// "100" into JPY 100 (0 digits) or USD 1.00 (2 digits).
/// </summary>
public static class Iso4217
{
    private static readonly FrozenCurrencyTable Table = new(
    [
        new("USD", 2), new("EUR", 2), new("JPY", 0), new("GBP", 2), new("CHF", 2),
        new("CAD", 2), new("AUD", 2), new("NZD", 2), new("CNY", 2), new("HKD", 2),
        new("SGD", 2), new("KRW", 0), new("TWD", 2), new("THB", 2), new("INR", 2),
        new("IDR", 2), new("MYR", 2), new("PHP", 2), new("VND", 0), new("SEK", 2),
        new("NOK", 2), new("DKK", 2), new("PLN", 2), new("CZK", 2), new("HUF", 2),
        new("MXN", 2), new("BRL", 2), new("ZAR", 2), new("AED", 2), new("SAR", 2),
        new("ILS", 2), new("TRY", 2), new("LKR", 2), new("CLP", 0), new("ISK", 0),
        new("BHD", 3), new("KWD", 3), new("OMR", 3), new("JOD", 3), new("TND", 3),
    ]);

    public static IEnumerable<CurrencyInfo> All => Table.All;

    public static bool TryGet(string? code, out CurrencyInfo currency) => Table.TryGet(code, out currency);

    public static CurrencyInfo Get(string? code) =>
        TryGet(code, out var currency) ? currency : throw new UnknownCurrencyException(code);

    private sealed class FrozenCurrencyTable(CurrencyInfo[] currencies)
    {
        private readonly Dictionary<string, CurrencyInfo> byCode =
            currencies.ToDictionary(c => c.Code, StringComparer.Ordinal);

        public IEnumerable<CurrencyInfo> All => currencies;

        public bool TryGet(string? code, out CurrencyInfo currency)
        {
            if (code is { Length: 3 } && byCode.TryGetValue(code, out var found))
            {
                currency = found;
                return true;
            }

            currency = default;
            return false;
        }
    }
}

/// <summary>An ISO 4217 currency code and how many decimal digits its minor unit has.</summary>
public readonly record struct CurrencyInfo(string Code, int MinorUnitDigits)
{
    public long MinorUnitsPerMajor => MinorUnitDigits switch
    {
        0 => 1,
        1 => 10,
        2 => 100,
        3 => 1000,
        _ => throw new InvalidOperationException($"Unsupported minor unit digits {MinorUnitDigits}."),
    };
}

/// <summary>Thrown for a currency code that is not an accepted ISO 4217 code (codes are upper case).</summary>
public sealed class UnknownCurrencyException(string? code)
    : ArgumentException($"'{code}' is not a supported ISO 4217 currency code.", "currency")
{
    public string? Code { get; } = code;
}
