namespace ActorRisk.Api.Diagnostics;

/// <summary>The tag values of <see cref="ApiMetrics"/>' instruments.</summary>
public static class MetricNames
{
    /// <summary>Webhook outcomes: answered 2xx; failed and due again later; failed for good (MaxAttempts reached).</summary>
    public const string Delivered = "delivered";
    public const string WillRetry = "will_retry";
    public const string Failed = "failed";

    /// <summary>API key rejections: a key no one was given; no key where one is needed; a key without the role.</summary>
    public const string UnknownKey = "unknown_key";
    public const string MissingKey = "missing_key";
    public const string MissingRole = "missing_role";

    /// <summary>Portal sign-in refusals.</summary>
    public const string WrongCredentials = "wrong_credentials";
    public const string LockedOut = "locked_out";
    public const string Disabled = "disabled";

    /// <summary>503 causes, from the exception behind them.</summary>
    public const string Storage = "storage";
    public const string Timeout = "timeout";
    public const string Cluster = "cluster";
    public const string Network = "network";
}
