namespace ActorRisk.Grains.Cards;

/// <summary>Resolves the card velocity policy for a merchant (default, then MCC override, then merchant override).</summary>
public interface ICardPolicySource
{
    CardVelocityPolicy Resolve(string merchantId, string? mcc);
}

/// <summary>The policy book held in memory; replaced as a whole when an admin edits it, so readers never see half an edit.</summary>
public sealed class CardPolicyStore(CardPolicyBook initial) : ICardPolicySource
{
    private CardPolicyBook book = initial;

    public CardPolicyBook Book => Volatile.Read(ref book);

    public CardVelocityPolicy Resolve(string merchantId, string? mcc) => Book.Resolve(merchantId, mcc);

    public void Replace(CardPolicyBook next) => Volatile.Write(ref book, next);
}
