namespace ActorRisk.Abstractions.Cards;

/// <summary>A card seen at a merchant for the first time (as far as the card remembers), with its last four digits.</summary>
public sealed record CardSighting(string CardToken, string Last4, string MerchantId, DateTimeOffset SeenAt);

/// <summary>Where each silo's forwarder adds the cards seen at new merchants: the card directory the risk team searches.</summary>
public interface ICardDirectoryWriter
{
    Task AddSightingsAsync(IReadOnlyList<CardSighting> sightings, CancellationToken cancellationToken);
}
