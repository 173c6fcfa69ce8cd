namespace ActorRisk.Domain.Cards;

public enum CardType
{
    Unknown = 0,
    Credit,
    Debit,
    Prepaid,
}
