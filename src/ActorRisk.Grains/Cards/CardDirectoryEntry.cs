namespace ActorRisk.Grains.Cards;

/// <summary>
/// What the risk team finds a card by: its last four digits and the merchants it was used at (the latest
/// <see cref="MaxMerchants"/> distinct ones, newest first). A state of its own, so the card's hot state carries no
/// search index, and written only when it changes: the first time a card is seen at a merchant.
/// </summary>
public sealed record CardDirectoryEntry
{
    public const int MaxMerchants = 50;

    public string? Last4 { get; init; }

    public ImmutableArray<string> Merchants { get; init; } = [];

    /// <summary>This entry with the card seen at <paramref name="merchantId"/>; the same instance when nothing changes.</summary>
    public CardDirectoryEntry Including(string? last4, string merchantId)
    {
        var merchants = Merchants.IsDefault ? [] : Merchants;
        var knownMerchant = merchants.Contains(merchantId, StringComparer.Ordinal);
        if (knownMerchant && (last4 is null || last4 == Last4))
        {
            return this;
        }

        if (!knownMerchant)
        {
            merchants = merchants.Insert(0, merchantId);
            if (merchants.Length > MaxMerchants)
            {
                merchants = merchants.RemoveAt(MaxMerchants);
            }
        }

        return new CardDirectoryEntry { Last4 = last4 ?? Last4, Merchants = merchants };
    }
}
