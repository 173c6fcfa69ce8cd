namespace ActorRisk.Domain.Cards;

/// <summary>
/// A stable 32-bit FNV-1a hash of a merchant id, so a card can count distinct merchants without
/// keeping their ids. Stable across processes and machines (never string.GetHashCode).
/// </summary>
public static class MerchantFingerprint
{
    public static uint Of(string merchantId)
    {
        ArgumentNullException.ThrowIfNull(merchantId);
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(merchantId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }
}
