using System.Diagnostics.Metrics;
using System.Net;
using ActorRisk.Api.Alerts;
using ActorRisk.Api.Diagnostics;
using ActorRisk.Abstractions.Merchants;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;
using ActorRisk.ReadModels.Alerts;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api.Tests.Alerts;

/// <summary>
/// The webhook dispatcher's instruments, from one real poll of an outbox double against a receiver double: each
/// attempt counted by its outcome with its duration, and the backlog gauges showing what the poll found.
/// </summary>
public sealed class WebhookMetricsTests
{
    public static TheoryData<HttpStatusCode, int, string> Attempts() => new()
    {
        { HttpStatusCode.NoContent, 0, MetricNames.Delivered },
        { HttpStatusCode.InternalServerError, 0, MetricNames.WillRetry },
        { HttpStatusCode.InternalServerError, Settings.MaxAttempts - 1, MetricNames.Failed },
        { HttpStatusCode.Redirect, 3, MetricNames.WillRetry },
    };

    private static AlertOptions Settings { get; } = new()
    {
        WebhookUrl = new Uri("https://receiver.test/alerts"),
        WebhookSecret = "test-secret",
        PollInterval = TimeSpan.FromHours(1),
        MaxAttempts = 5,
    };

    [Theory]
    [MemberData(nameof(Attempts))]
    public async Task EachAttemptIsCountedByItsOutcomeWithItsDuration(HttpStatusCode answer, int earlierAttempts, string outcome)
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton<ApiMetrics>().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var deliveries = new MetricCollector<long>(meters, ApiMetrics.MeterName, ApiMetrics.WebhookDeliveriesName);
        using var durations = new MetricCollector<double>(meters, ApiMetrics.MeterName, ApiMetrics.WebhookDurationName);
        using var due = new MetricCollector<long>(meters, ApiMetrics.MeterName, ApiMetrics.OutboxDueName);
        using var oldestAge = new MetricCollector<double>(meters, ApiMetrics.MeterName, ApiMetrics.OutboxOldestDueAgeName);
        var raisedAt = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(2);
        var outbox = new OneAlertOutbox(new StoredAlert(Alert("m-1:Approaching", raisedAt), AlertDelivery.Pending, earlierAttempts, raisedAt, null, null, null, null));
        using var receiver = new Receiver(answer);

        using (var dispatcher = new WebhookDispatcher(outbox, receiver, Options.Create(Settings), TimeProvider.System, services.GetRequiredService<ApiMetrics>(), NullLogger<WebhookDispatcher>.Instance))
        {
            await dispatcher.StartAsync(CancellationToken.None);
            await outbox.Marked.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await WaitForAsync(() => deliveries.GetMeasurementSnapshot().Count > 0 && Observe(due) > 0);
            await dispatcher.StopAsync(CancellationToken.None);
        }

        var delivery = Assert.Single(deliveries.GetMeasurementSnapshot());
        Assert.Equal(1, delivery.Value);
        Assert.Equal(outcome, delivery.Tags[ApiMetrics.OutcomeTag]);
        var duration = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal(outcome, duration.Tags[ApiMetrics.OutcomeTag]);
        Assert.InRange(duration.Value, 0, 10);
        Assert.Equal(1, Observe(due));
        Assert.InRange(Observe(oldestAge) ?? -1, 115, 600);
    }

    private static T? Observe<T>(MetricCollector<T> gauge)
        where T : struct
    {
        gauge.RecordObservableInstruments();
        return gauge.LastMeasurement?.Value;
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    private static MerchantAlert Alert(string id, DateTimeOffset at) =>
        new(id, "m-1", MerchantAlertKind.Approaching, MonitoringProgram.VAMP, YearMonth.Of(at), at, "VAMP: approaching.");

    /// <summary>An outbox with one due alert, claimed by the first poll; says when its attempt is recorded.</summary>
    private sealed class OneAlertOutbox(StoredAlert alert) : IAlertOutbox
    {
        private int claimed;

        public TaskCompletionSource Marked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IReadOnlyList<StoredAlert>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StoredAlert>>(Interlocked.Exchange(ref claimed, 1) == 0 ? [alert] : []);

        public Task MarkDeliveredAsync(string id, int attempts, DateTimeOffset at, CancellationToken cancellationToken)
        {
            Marked.TrySetResult();
            return Task.CompletedTask;
        }

        public Task MarkAttemptFailedAsync(string id, int attempts, DateTimeOffset? nextAttemptAt, string failure, CancellationToken cancellationToken)
        {
            Marked.TrySetResult();
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<MerchantAlert>> AppendAsync(IReadOnlyList<MerchantAlert> alerts, AlertDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<StoredAlert>> ListAsync(AlertQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StoredAlert?> FindAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StoredAlert?> AcknowledgeAsync(string id, string actor, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    /// <summary>The acquirer's webhook, answering every POST with one status.</summary>
    private sealed class Receiver(HttpStatusCode answer) : HttpMessageHandler, IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(answer));
    }
}
