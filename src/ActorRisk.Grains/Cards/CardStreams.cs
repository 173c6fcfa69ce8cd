namespace ActorRisk.Grains.Cards;

/// <summary>Stream namespaces the card grains publish on.</summary>
public static class CardStreams
{
    /// <summary>Every decision, keyed by card token (the portal's live feed subscribes to the namespace).</summary>
    public const string Decisions = "card-decisions";
}
