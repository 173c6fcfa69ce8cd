using System.Diagnostics.Metrics;

namespace ActorRisk.Api.Diagnostics;

/// <summary>
/// The API's instruments (meter "ActorRisk.Api"), made from the host's <see cref="IMeterFactory"/>: webhook delivery
/// and the outbox backlog its last poll saw, rejected API keys, portal sign-in failures and lockouts, and 503 answers by
/// cause. Tags are small closed sets: never a key, a user name, an alert or merchant id.
/// </summary>
public sealed class ApiMetrics
{
    public const string MeterName = "ActorRisk.Api";

    public const string WebhookDeliveriesName = "actorrisk.alerts.webhook.deliveries";
    public const string WebhookDurationName = "actorrisk.alerts.webhook.duration";
    public const string OutboxDueName = "actorrisk.alerts.outbox.due";
    public const string OutboxOldestDueAgeName = "actorrisk.alerts.outbox.oldest_due.age";
    public const string ApiKeyRejectedName = "actorrisk.api.key.rejected";
    public const string SignInFailedName = "actorrisk.portal.signin.failed";
    public const string LockoutsName = "actorrisk.portal.lockouts";
    public const string UnavailableName = "actorrisk.api.unavailable";

    public const string OutcomeTag = "outcome";
    public const string ReasonTag = "reason";
    public const string CauseTag = "cause";

    private readonly Counter<long> webhookDeliveries;
    private readonly Histogram<double> webhookDuration;
    private readonly Counter<long> apiKeyRejected;
    private readonly Counter<long> signInFailed;
    private readonly Counter<long> lockouts;
    private readonly Counter<long> unavailable;

    // What the dispatcher's last poll of the outbox saw: read by the gauges at each collection, no query of their own.
    private long outboxDue;
    private double outboxOldestDueAge;

    public ApiMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        webhookDeliveries = meter.CreateCounter<long>(WebhookDeliveriesName, "{delivery}", "Webhook delivery attempts of merchant alerts, by outcome");
        webhookDuration = meter.CreateHistogram<double>(WebhookDurationName, "s", "Time of one webhook delivery attempt, by outcome");
        meter.CreateObservableGauge(OutboxDueName, () => Volatile.Read(ref outboxDue), "{alert}", "Alerts due for webhook delivery at the dispatcher's last poll");
        meter.CreateObservableGauge(OutboxOldestDueAgeName, () => Volatile.Read(ref outboxOldestDueAge), "s", "Age of the oldest alert due for webhook delivery at the dispatcher's last poll");
        apiKeyRejected = meter.CreateCounter<long>(ApiKeyRejectedName, "{request}", "API requests refused for their API key, by reason");
        signInFailed = meter.CreateCounter<long>(SignInFailedName, "{attempt}", "Portal sign-ins refused, by reason");
        lockouts = meter.CreateCounter<long>(LockoutsName, "{lockout}", "Portal user names locked after repeated wrong passwords");
        unavailable = meter.CreateCounter<long>(UnavailableName, "{response}", "Requests answered 503 because storage or the cluster did not answer, by cause");
    }

    public void WebhookAttempted(string outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>(OutcomeTag, outcome);
        webhookDeliveries.Add(1, tag);
        webhookDuration.Record(duration.TotalSeconds, tag);
    }

    /// <summary>One poll's findings (all its batches): how many alerts were due, and how long the oldest has waited.</summary>
    public void OutboxPolled(long due, TimeSpan oldestDueAge)
    {
        Volatile.Write(ref outboxDue, due);
        Volatile.Write(ref outboxOldestDueAge, Math.Max(0, oldestDueAge.TotalSeconds));
    }

    public void ApiKeyRejected(string reason) =>
        apiKeyRejected.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));

    public void SignInFailed(string reason) =>
        signInFailed.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));

    public void LockedOut() => lockouts.Add(1);

    public void Unavailable(string cause) =>
        unavailable.Add(1, new KeyValuePair<string, object?>(CauseTag, cause));
}
