namespace ActorRisk.Grains.Merchants;

/// <summary>What a merchant alert is about.</summary>
public enum MerchantAlertKind
{
    /// <summary>At the current pace the month ends at or above the early-warning share (80%) of a program's thresholds.</summary>
    Approaching,

    /// <summary>At the current pace the month ends over a program's entry thresholds.</summary>
    ProjectedOver,

    /// <summary>The running month is already over a program's entry thresholds.</summary>
    OverThreshold,

    /// <summary>A closed month put the merchant into a program.</summary>
    ProgramEntered,

    /// <summary>A closed month was over the thresholds again before the merchant had exited: the timeline resumes.</summary>
    ProgramResumed,

    /// <summary>The merchant left a program after enough months below its thresholds.</summary>
    ProgramExited,

    /// <summary>Many distinct cards made small authorizations at the merchant in a short window.</summary>
    CardTesting,
}

/// <summary>
/// One alert about a merchant. <see cref="Id"/> is deterministic (merchant, kind, program, month or window), so an
/// alert raised again after a crash or by a retry is the same alert, delivered once.
/// </summary>
public sealed record MerchantAlert(
    string Id,
    string MerchantId,
    MerchantAlertKind Kind,
    MonitoringProgram? Program,
    YearMonth Month,
    DateTimeOffset RaisedAt,
    string Message);

/// <summary>Where merchant grains hand their alerts: a durable outbox (then a webhook) and the live stream.</summary>
public interface IMerchantAlertSink
{
    /// <summary>Stores the alerts durably (each id once, however often it is handed over) and publishes them.</summary>
    Task PublishAsync(IReadOnlyList<MerchantAlert> alerts, CancellationToken cancellationToken = default);
}

/// <summary>Stream namespaces the merchant grains publish on.</summary>
public static class MerchantStreams
{
    /// <summary>Every alert, keyed by merchant id.</summary>
    public const string Alerts = "merchant-alerts";
}
