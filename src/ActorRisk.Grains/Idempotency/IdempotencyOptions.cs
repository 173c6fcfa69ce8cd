namespace ActorRisk.Grains.Idempotency;

/// <summary>Configuration section "ActorRisk:Idempotency".</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "ActorRisk:Idempotency";

    /// <summary>
    /// How long an applied authorization, batch, dispute or report id is remembered by its grain: a retry within this
    /// time gets the first answer and changes nothing; after it, the id is forgotten. Gateways and back offices retry
    /// within minutes or hours; keep it well above that.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
