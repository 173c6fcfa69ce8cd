namespace ActorRisk.Domain.Values;

/// <summary>
/// An amount in ISO 4217 minor units (cents for USD, yen for JPY) with its currency.
/// Integer minor units keep sums exact; arithmetic across currencies is refused.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    [System.Text.Json.Serialization.JsonConstructor]
    public Money(long amount, string currency)
    {
        Currency = Iso4217.Get(currency).Code;
        Amount = amount;
    }

    public long Amount { get; }

    public string Currency { get; }

    public static Money Zero(string currency) => new(0, currency);

    public static Money Usd(decimal major) => FromMajor(major, "USD");

    public static Money Eur(decimal major) => FromMajor(major, "EUR");

    public static Money Jpy(long yen) => new(yen, "JPY");

    /// <summary>Builds an amount from major units; refuses values with more decimals than the currency has.</summary>
    public static Money FromMajor(decimal major, string currency)
    {
        var info = Iso4217.Get(currency);
        var minor = major * info.MinorUnitsPerMajor;
        if (minor != decimal.Truncate(minor))
        {
            throw new ArgumentException($"{major} has more decimals than {info.Code} allows ({info.MinorUnitDigits}).", nameof(major));
        }

        return new Money(checked((long)minor), info.Code);
    }

    public decimal ToMajor() => (decimal)Amount / Iso4217.Get(Currency).MinorUnitsPerMajor;

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsZero => Amount == 0;

    public static Money operator +(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(checked(left.Amount + right.Amount), left.Currency);
    }

    public static Money operator -(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(checked(left.Amount - right.Amount), left.Currency);
    }

    public static Money operator *(Money money, long factor) => new(checked(money.Amount * factor), money.Currency);

    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    public int CompareTo(Money other)
    {
        EnsureSameCurrency(this, other);
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>"USD 1,234.50", "JPY 100": the form a risk analyst reads in a reason line.</summary>
    public override string ToString()
    {
        if (Currency is null)
        {
            return "(no amount)";
        }

        var digits = Iso4217.Get(Currency).MinorUnitDigits;
        return $"{Currency} {ToMajor().ToString("N" + digits, CultureInfo.InvariantCulture)}";
    }

    private static void EnsureSameCurrency(Money left, Money right)
    {
        if (!string.Equals(left.Currency, right.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}; convert first.");
        }
    }
}
