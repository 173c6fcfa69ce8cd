namespace ActorRisk.Domain.Cards;

/// <summary>What a velocity limit counts over its window.</summary>
public enum VelocityMetric
{
    /// <summary>Every authorization attempt, whatever its amount or decision.</summary>
    Attempts,

    /// <summary>Authorizations at or under the currency's small-amount threshold, including zero-amount verifications.</summary>
    SmallAuthorizations,

    /// <summary>Attempts the issuer declined (reported through the outcome call).</summary>
    IssuerDeclines,

    /// <summary>Distinct merchants the card was used at.</summary>
    DistinctMerchants,
}

/// <summary>
/// "When <see cref="Metric"/> within <see cref="Window"/> reaches <see cref="Threshold"/> (counting this attempt),
/// answer <see cref="Action"/>, and block the card for <see cref="BlockFor"/> if set."
/// </summary>
public sealed record VelocityLimit(
    string Code,
    VelocityMetric Metric,
    TimeSpan Window,
    int Threshold,
    RiskAction Action,
    TimeSpan? BlockFor = null,
    bool Enabled = true);

/// <summary>
/// "When at least <see cref="MinAttempts"/> earlier attempts fall in <see cref="Window"/> and the issuer declined
/// at least <see cref="Rate"/> of them, answer <see cref="Action"/> (and block for <see cref="BlockFor"/>)."
/// Counting failure rate and not only failure count catches testers who mix in a few good cards.
/// </summary>
public sealed record DeclineRateLimit(
    TimeSpan Window,
    int MinAttempts,
    decimal Rate,
    RiskAction Action,
    TimeSpan? BlockFor = null,
    bool Enabled = true);
