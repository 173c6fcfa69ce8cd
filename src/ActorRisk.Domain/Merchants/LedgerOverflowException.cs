namespace ActorRisk.Domain.Merchants;

/// <summary>
/// A record that would take a month's total past the largest value it can hold. The ledger refuses it whole, so the
/// caller can answer with the field at fault and the merchant's totals stay as they were.
/// </summary>
public sealed class LedgerOverflowException(string field, OverflowException inner)
    : OverflowException($"Counting this record would take the month's {field} total past the largest value it can hold.", inner)
{
    /// <summary>The record's field whose total would overflow: "count" or "amount".</summary>
    public string Field { get; } = field;

    internal static T Guard<T>(string field, Func<T> compute)
    {
        try
        {
            return compute();
        }
        catch (OverflowException exception) when (exception is not LedgerOverflowException)
        {
            throw new LedgerOverflowException(field, exception);
        }
    }
}
