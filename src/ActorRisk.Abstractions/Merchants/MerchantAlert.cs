namespace ActorRisk.Abstractions.Merchants;

/// <summary>What a merchant alert is about.</summary>
[GenerateSerializer, Alias("actorrisk.merchant-alert-kind")]
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
[GenerateSerializer, Immutable, Alias("actorrisk.merchant-alert")]
public sealed record MerchantAlert(
    [property: Id(0)] string Id,
    [property: Id(1)] string MerchantId,
    [property: Id(2)] MerchantAlertKind Kind,
    [property: Id(3)] MonitoringProgram? Program,
    [property: Id(4)] YearMonth Month,
    [property: Id(5)] DateTimeOffset RaisedAt,
    [property: Id(6)] string Message);

/// <summary>The Orleans stream merchant alerts travel on (provider <see cref="Cards.CardStreams.Provider"/>).</summary>
public static class MerchantStreams
{
    /// <summary>Every alert, on one stream of this namespace (key <see cref="AllMerchants"/>).</summary>
    public const string Alerts = "merchant-alerts";

    public const string AllMerchants = "all";
}
