namespace ActorRisk.Api.Alerts;

/// <summary>ActorRisk:Alerts: the optional webhook that receives every merchant alert, signed, with retries.</summary>
public sealed class AlertOptions
{
    public const string Section = "ActorRisk:Alerts";

    /// <summary>Where alerts are POSTed (JSON). Without it alerts are only kept (API, portal).</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>HMAC-SHA256 key for the X-ActorRisk-Signature header; required with a webhook URL.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Attempts before an alert is marked failed (visible in the API); retries back off exponentially.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The wait before the first retry; each next one waits twice as long, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the dispatcher looks for alerts due for delivery in the outbox.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one delivery may take before it counts as a failed attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool WebhookConfigured => WebhookUrl is not null;
}
