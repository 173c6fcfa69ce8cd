namespace ActorRisk.Abstractions.Cards;

/// <summary>The Orleans streams card decisions travel on.</summary>
public static class CardStreams
{
    /// <summary>The stream provider of the live streams (decisions and merchant alerts).</summary>
    public const string Provider = "live";

    /// <summary>Every silo's decisions, in batches (<see cref="CardDecisionBatch"/>), on one stream of this namespace.</summary>
    public const string Decisions = "card-decisions";

    /// <summary>The key of the one decisions stream.</summary>
    public const string AllCards = "all";
}
