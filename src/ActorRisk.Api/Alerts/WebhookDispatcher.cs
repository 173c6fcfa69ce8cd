using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorRisk.Api.Diagnostics;
using ActorRisk.ReadModels.Alerts;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api.Alerts;

/// <summary>
/// Delivers the outbox to the acquirer's webhook, at least once per alert: POST JSON signed with HMAC-SHA256
/// (header X-ActorRisk-Signature: t=unix-seconds,v1=hex of HMAC(secret, "t.body")), 2xx is delivered, anything else
/// is retried with exponential backoff and jitter until MaxAttempts, then marked failed. Receivers deduplicate by
/// X-ActorRisk-Alert-Id.
/// </summary>
internal sealed partial class WebhookDispatcher(
    IAlertOutbox outbox,
    IHttpClientFactory httpClients,
    IOptions<AlertOptions> options,
    TimeProvider clock,
    ApiMetrics metrics,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "alerts-webhook";
    public const string SignatureHeader = "X-ActorRisk-Signature";
    public const string AlertIdHeader = "X-ActorRisk-Alert-Id";
    public const string AttemptHeader = "X-ActorRisk-Delivery-Attempt";

    private const int BatchSize = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.WebhookUrl is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(settings.WebhookSecret))
        {
            throw new InvalidOperationException("ActorRisk:Alerts:WebhookSecret is required with a webhook URL: receivers verify every alert's signature with it.");
        }

        using var timer = new PeriodicTimer(settings.PollInterval);
        do
        {
            try
            {
                // The backlog gauges show this poll's findings: everything due in it, and the oldest alert among them.
                var due = 0L;
                DateTimeOffset? oldest = null;
                int claimed;
                do
                {
                    (claimed, var oldestClaimed) = await DeliverDueAsync(settings, stoppingToken);
                    due += claimed;
                    oldest = oldest is null || oldestClaimed < oldest ? oldestClaimed ?? oldest : oldest;
                }
                while (claimed == BatchSize);

                metrics.OutboxPolled(due, oldest is { } raised ? clock.GetUtcNow() - raised : TimeSpan.Zero);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPollFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<(int Claimed, DateTimeOffset? OldestRaisedAt)> DeliverDueAsync(AlertOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await outbox.ClaimDueAsync(now, now + settings.RequestTimeout + settings.RequestTimeout, BatchSize, cancellationToken);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (alert, ct) => await DeliverAsync(alert, settings, ct));
        return (due.Count, due.Count == 0 ? null : due.Min(a => a.Alert.RaisedAt));
    }

    private async Task DeliverAsync(StoredAlert stored, AlertOptions settings, CancellationToken cancellationToken)
    {
        var attempt = stored.Attempts + 1;
        var started = clock.GetTimestamp();
        string? error;
        try
        {
            var alert = stored.Alert;
            var body = JsonSerializer.SerializeToUtf8Bytes(new WebhookAlert(alert.Id, alert.MerchantId, alert.Kind, alert.Program?.ToString(), alert.Month, alert.RaisedAt, alert.Message), Json);
            using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(SignatureHeader, Sign(body, settings.WebhookSecret!, clock.GetUtcNow()));
            request.Headers.Add(AlertIdHeader, stored.Alert.Id);
            request.Headers.Add(AttemptHeader, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.RequestTimeout);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                await outbox.MarkDeliveredAsync(stored.Alert.Id, attempt, clock.GetUtcNow(), cancellationToken);
                metrics.WebhookAttempted(MetricNames.Delivered, clock.GetElapsedTime(started));
                return;
            }

            error = $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = exception.Message;
        }

        var next = attempt >= settings.MaxAttempts ? (DateTimeOffset?)null : clock.GetUtcNow() + Backoff(attempt, settings);
        await outbox.MarkAttemptFailedAsync(stored.Alert.Id, attempt, next, error, cancellationToken);
        metrics.WebhookAttempted(next is null ? MetricNames.Failed : MetricNames.WillRetry, clock.GetElapsedTime(started));
        if (next is null)
        {
            LogGaveUp(logger, stored.Alert.Id, attempt, error);
        }
    }

    /// <summary>The signature header for a body sent at <paramref name="at"/>: t=unix-seconds,v1=hex(HMAC-SHA256(secret, "t.body")).</summary>
    public static string Sign(byte[] body, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    // 5 s, 10 s, 20 s ... up to MaxRetryDelay, with up to 20% jitter so that a recovering receiver is not hit all at once.
    private static TimeSpan Backoff(int attempt, AlertOptions settings)
    {
        var exponential = settings.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, settings.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 + (Random.Shared.NextDouble() * 0.2)));
    }

    /// <summary>The JSON a webhook receives: the alert as GET /v1/alerts shows it, without delivery or acknowledgement.</summary>
    private sealed record WebhookAlert(string Id, string MerchantId, MerchantAlertKind Kind, string? Program, YearMonth Month, DateTimeOffset RaisedAt, string Message);

    [LoggerMessage(300, LogLevel.Warning, "Alert webhook: polling the outbox failed; trying again")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(301, LogLevel.Error, "Alert webhook: gave up on alert {AlertId} after {Attempts} attempts ({Error}); it is marked failed")]
    private static partial void LogGaveUp(ILogger logger, string alertId, int attempts, string error);
}
