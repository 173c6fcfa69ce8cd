namespace ActorRisk.Grains.Diagnostics;

/// <summary>The kind and outcome tag values of <see cref="GrainMetrics.HandOversName"/>.</summary>
public static class HandOverNames
{
    public const string AuthorizationCounts = "authorization_counts";
    public const string CardSightings = "card_sightings";
    public const string RequestRoutes = "request_routes";
    public const string Decisions = "decisions";

    public const string HandedOver = "handed_over";

    /// <summary>Failed, kept for the next tick.</summary>
    public const string WillRetry = "will_retry";

    /// <summary>Lost: beyond the retry bound, or a live-feed interval that could not be published (not retried).</summary>
    public const string Dropped = "dropped";
}
