using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// The alert webhook: every alert POSTed as JSON, signed with HMAC-SHA256 over "t.body", carrying its id and
/// attempt number; failures retried with backoff until MaxAttempts, then marked failed; delivery visible in the API.
/// </summary>
public sealed class AlertWebhookTests
{
    private const string Secret = "whsec_test_8d1f0c2a77";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task EveryAlertReachesTheWebhookOnceSignedWithItsIdAndAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var silo = new SiloFactory(Setup(receiver.Url));
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("hook");

        var raised = await RaiseVampAlertsAsync(admin, merchantId);
        var alerts = await admin.WaitForAlertsAsync($"merchantId={merchantId}", a => a.All(x => x.Delivery.Status == "delivered"), Timeout, "every alert delivered");
        var requests = await receiver.WaitForAsync(r => r.Count >= raised.Count, Timeout, "one request per alert");

        Assert.Equal(alerts.Select(a => a.Id).Order(StringComparer.Ordinal), requests.Select(r => r.Header("X-ActorRisk-Alert-Id")).Order(StringComparer.Ordinal));
        Assert.Contains(requests, r => r.Json().GetProperty("kind").GetString() == "overThreshold");
        Assert.All(requests, r => Assert.Equal("VAMP", r.Json().GetProperty("program").GetString()));
        foreach (var alert in alerts)
        {
            var request = Assert.Single(receiver.For(alert.Id));
            Assert.Equal(("POST", WebhookReceiver.Path, "application/json"), (request.Method, request.Path, request.ContentType?.Split(';')[0]));
            Assert.Equal("1", request.Header("X-ActorRisk-Delivery-Attempt"));
            AssertSigned(request, Secret);
            AssertBodyIs(alert, request);
            Assert.Equal(1, alert.Delivery.Attempts);
            Assert.Null(alert.Delivery.NextAttemptAt);
            Assert.Null(alert.Delivery.LastError);
            Assert.NotNull(alert.Delivery.DeliveredAt);
            Assert.InRange(alert.Delivery.DeliveredAt!.Value, alert.RaisedAt, DateTimeOffset.UtcNow);
        }

        // The same records again raise nothing to deliver: another merchant's alerts, delivered after them, show the dispatcher went past.
        await RaiseVampAlertsAsync(admin, merchantId);
        var marker = MerchantApi.NewMerchantId("hook-marker");
        var markers = await RaiseVampAlertsAsync(admin, marker);
        await admin.WaitForAlertsAsync($"merchantId={marker}", a => a.All(x => x.Delivery.Status == "delivered"), Timeout, "the marker merchant's alerts delivered");
        Assert.Equal(alerts.Count + markers.Count, receiver.Requests.Count);
        Assert.All(alerts, a => Assert.Single(receiver.For(a.Id)));
        Assert.Equal(alerts, await admin.AlertsAsync($"merchantId={merchantId}"));
    }

    [Fact]
    public async Task ARedirectIsNotADeliveryAndIsRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync(HttpStatusCode.Found, HttpStatusCode.OK);
        await using var silo = new SiloFactory(Setup(receiver.Url));
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("hook-redirect");

        await RaiseVampAlertsAsync(admin, merchantId);
        var alerts = await admin.WaitForAlertsAsync($"merchantId={merchantId}", a => a.All(x => x.Delivery.Status == "delivered"), Timeout, "every alert delivered");

        foreach (var alert in alerts)
        {
            var requests = receiver.For(alert.Id);
            Assert.Equal(
                [("POST", WebhookReceiver.Path, "1", HttpStatusCode.Found), ("POST", WebhookReceiver.Path, "2", HttpStatusCode.OK)],
                requests.Select(r => (r.Method, r.Path, r.Header("X-ActorRisk-Delivery-Attempt"), r.Answer)));
            Assert.All(requests, r => AssertBodyIs(alert, r));
            Assert.Equal(("delivered", 2), (alert.Delivery.Status, alert.Delivery.Attempts));
        }
    }

    [Fact]
    public async Task AReceiverAnsweringAfterTheRequestTimeoutIsRetriedThenFailed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // Long enough that each attempt reaches the receiver even on a loaded machine, far shorter than its delay.
        receiver.Delay = TimeSpan.FromSeconds(30);
        var setup = Setup(receiver.Url, maxAttempts: 2);
        await using var silo = new SiloFactory(setup with { Extra = new Dictionary<string, string>(setup.Extra) { ["ActorRisk:Alerts:RequestTimeout"] = "00:00:02" } });
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("hook-slow");

        await RaiseVampAlertsAsync(admin, merchantId);
        var alerts = await admin.WaitForAlertsAsync($"merchantId={merchantId}", a => a.All(x => x.Delivery.Status == "failed"), Timeout, "every alert failed");

        foreach (var alert in alerts)
        {
            Assert.Equal(2, alert.Delivery.Attempts);
            Assert.False(string.IsNullOrWhiteSpace(alert.Delivery.LastError));
            Assert.Equal(["1", "2"], receiver.For(alert.Id).Select(r => r.Header("X-ActorRisk-Delivery-Attempt")));
        }
    }

    [Fact]
    public async Task AReceiverFailingTwiceGetsEachAlertThreeTimesAndTheApiShowsItDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync(HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        await using var silo = new SiloFactory(Setup(receiver.Url));
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("hook-retry");

        await RaiseVampAlertsAsync(admin, merchantId);
        var alerts = await admin.WaitForAlertsAsync($"merchantId={merchantId}", a => a.All(x => x.Delivery.Status == "delivered"), Timeout, "every alert delivered");

        foreach (var alert in alerts)
        {
            var requests = receiver.For(alert.Id);
            Assert.Equal(
                [("1", HttpStatusCode.InternalServerError), ("2", HttpStatusCode.InternalServerError), ("3", HttpStatusCode.OK)],
                requests.Select(r => (r.Header("X-ActorRisk-Delivery-Attempt"), r.Answer)));
            Assert.All(requests, r => AssertSigned(r, Secret));
            Assert.All(requests, r => AssertBodyIs(alert, r));

            // Backoff from FirstRetryDelay (200 ms), doubling.
            Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(195), $"{alert.Id}: second attempt {requests[1].ReceivedAt - requests[0].ReceivedAt} after the first");
            Assert.True(requests[2].ReceivedAt - requests[1].ReceivedAt >= TimeSpan.FromMilliseconds(395), $"{alert.Id}: third attempt {requests[2].ReceivedAt - requests[1].ReceivedAt} after the second");
            Assert.Equal(("delivered", 3), (alert.Delivery.Status, alert.Delivery.Attempts));
            Assert.NotNull(alert.Delivery.DeliveredAt);
            Assert.Null(alert.Delivery.NextAttemptAt);
        }
    }

    [Fact]
    public async Task AReceiverAlwaysFailingMarksEachAlertFailedAfterMaxAttempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(HttpStatusCode.InternalServerError);
        await using var silo = new SiloFactory(Setup(receiver.Url, maxAttempts: 3));
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("hook-fail");

        var raised = await RaiseVampAlertsAsync(admin, merchantId);
        var alerts = await admin.WaitForAlertsAsync($"merchantId={merchantId}", a => a.All(x => x.Delivery.Status == "failed"), Timeout, "every alert failed");

        Assert.Equal(raised.Select(a => a.Id), alerts.Select(a => a.Id));
        foreach (var alert in alerts)
        {
            Assert.Equal(new AlertDeliveryReply("failed", 3, null, null, "HTTP 500"), alert.Delivery);
            Assert.Equal(["1", "2", "3"], receiver.For(alert.Id).Select(r => r.Header("X-ActorRisk-Delivery-Attempt")));
        }

        Assert.Equal(alerts.Count * 3, receiver.Requests.Count);
        Assert.Equal(alerts.Select(a => a.Id), (await admin.AlertsAsync($"merchantId={merchantId}&acknowledged=false")).Select(a => a.Id));
    }

    [Fact]
    public async Task AFailedAttemptLeavesTheAlertPendingUntilItsBackedOffRetry()
    {
        await using var receiver = await WebhookReceiver.StartAsync(HttpStatusCode.ServiceUnavailable);
        await using var silo = new SiloFactory(Setup(receiver.Url, firstRetryDelay: "01:00:00"));
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("hook-pending");

        await RaiseVampAlertsAsync(admin, merchantId);
        var alerts = await admin.WaitForAlertsAsync($"merchantId={merchantId}", a => a.All(x => x.Delivery.Attempts == 1), Timeout, "a first attempt for every alert");

        foreach (var alert in alerts)
        {
            var request = Assert.Single(receiver.For(alert.Id));
            Assert.Equal(("pending", 1, "HTTP 503"), (alert.Delivery.Status, alert.Delivery.Attempts, alert.Delivery.LastError));
            Assert.Null(alert.Delivery.DeliveredAt);
            Assert.NotNull(alert.Delivery.NextAttemptAt);
            Assert.InRange(alert.Delivery.NextAttemptAt!.Value, request.ReceivedAt + TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1), DateTimeOffset.UtcNow + TimeSpan.FromHours(1.2));
        }
    }

    [Fact]
    public async Task AnUnreachableWebhookIsRetriedThenFailedWithTheConnectionError()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var silo = new SiloFactory(Setup(new Uri($"http://127.0.0.1:{port}/hooks"), maxAttempts: 2));
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("hook-down");

        await RaiseVampAlertsAsync(admin, merchantId);
        var alerts = await admin.WaitForAlertsAsync($"merchantId={merchantId}", a => a.All(x => x.Delivery.Status == "failed"), Timeout, "every alert failed");

        Assert.All(alerts, a => Assert.Equal(2, a.Delivery.Attempts));
        Assert.All(alerts, a => Assert.False(string.IsNullOrWhiteSpace(a.Delivery.LastError)));
        Assert.All(alerts, a => Assert.DoesNotMatch("^HTTP [0-9]+$", a.Delivery.LastError!));
    }

    [Fact]
    public async Task AProgramEntryRaisedAtMonthCloseIsDeliveredSignedAtTheSilosTime()
    {
        var september = new YearMonth(2026, 9);
        var clock = new ManualClock(september.Next().Start.AddDays(1));
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var silo = new SiloFactory(Setup(receiver.Url) with { Clock = clock });
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("hook-close");
        var date = MerchantApi.Day(september, 20);

        await AlertApi.CnpSalesAsync(admin, merchantId, 20_000, date);
        await AlertApi.ImportAsync(admin, "/v1/disputes:batch", AlertApi.VisaDisputes(merchantId, date, 1, 1_600));
        Assert.Empty(await admin.AlertsAsync($"merchantId={merchantId}"));
        clock.Advance(TimeSpan.FromHours(2));
        await admin.CloseMonthAsync(september);

        var alert = Assert.Single(await admin.WaitForAlertsAsync($"merchantId={merchantId}", a => a.Count == 1 && a[0].Delivery.Status == "delivered", Timeout, "the entry delivered"));
        Assert.Equal(($"{merchantId}:ProgramEntered:VAMP:2026-09", "programEntered", "2026-09", clock.Now), (alert.Id, alert.Kind, alert.Month, alert.RaisedAt));
        Assert.Equal(new AlertDeliveryReply("delivered", 1, null, clock.Now, null), alert.Delivery);
        var request = Assert.Single(receiver.Requests);
        AssertBodyIs(alert, request);
        AssertSigned(request, Secret, clock.Now);
        var body = request.Json();
        Assert.Equal(("programEntered", "VAMP"), (body.GetProperty("kind").GetString(), body.GetProperty("program").GetString()));
    }

    [Fact]
    public async Task ThePostgresOutboxDeliversWithRetriesAndKeepsTheOutcomeAcrossARestart()
    {
        await using var receiver = await WebhookReceiver.StartAsync(HttpStatusCode.BadGateway, HttpStatusCode.OK);
        var setup = Setup(receiver.Url) with { ConnectionString = await SiloSetup.NewDatabaseAsync("webhook") };
        var merchantId = MerchantApi.NewMerchantId("hook-pg");
        IReadOnlyList<AlertReply> delivered;

        await using (var silo = new SiloFactory(setup))
        {
            using var admin = silo.Client();
            await RaiseVampAlertsAsync(admin, merchantId);
            delivered = await admin.WaitForAlertsAsync($"merchantId={merchantId}", a => a.All(x => x.Delivery.Status == "delivered"), Timeout, "every alert delivered");
        }

        foreach (var alert in delivered)
        {
            Assert.Equal(("delivered", 2), (alert.Delivery.Status, alert.Delivery.Attempts));
            Assert.Equal([HttpStatusCode.BadGateway, HttpStatusCode.OK], receiver.For(alert.Id).Select(r => r.Answer));
            Assert.All(receiver.For(alert.Id), r => AssertSigned(r, Secret));
        }

        await using var restarted = new SiloFactory(setup);
        using var client = restarted.Client();
        var count = receiver.Requests.Count;
        Assert.Equal(delivered, await client.AlertsAsync($"merchantId={merchantId}"));
        await RaiseVampAlertsAsync(client, merchantId);
        Assert.Equal(delivered, await client.AlertsAsync($"merchantId={merchantId}"));
        Assert.Equal(count, receiver.Requests.Count);
    }

    [Fact]
    public async Task TwoSilosOnOneDatabaseMakeEachDeliveryAttemptOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync(HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        var setup = Setup(receiver.Url) with { ConnectionString = await SiloSetup.NewDatabaseAsync("webhook2") };
        await using var first = new SiloFactory(setup);
        await using var second = new SiloFactory(setup with { SiloPort = SiloSetup.FreePort(), GatewayPort = SiloSetup.FreePort() });
        using var admin = first.Client();
        using var other = second.Client();
        Assert.Empty(await other.AlertsAsync("limit=1"));
        var merchantIds = Enumerable.Range(0, 3).Select(i => MerchantApi.NewMerchantId($"hook-two{i}")).ToList();

        var raised = new List<AlertReply>();
        foreach (var merchantId in merchantIds)
        {
            raised.AddRange(await RaiseVampAlertsAsync(admin, merchantId));
        }

        var alerts = await other.WaitForAlertsAsync("limit=1000", a => a.Count == raised.Count && a.All(x => x.Delivery.Status == "delivered"), Timeout, "every alert delivered");
        foreach (var alert in alerts)
        {
            Assert.Equal(["1", "2"], receiver.For(alert.Id).Select(r => r.Header("X-ActorRisk-Delivery-Attempt")));
            Assert.Equal(2, alert.Delivery.Attempts);
        }

        Assert.Equal(raised.Count * 2, receiver.Requests.Count);
    }

    [Fact]
    public async Task AWebhookUrlWithoutASecretStopsTheSiloAtStartNamingTheSetting()
    {
        var setup = Setup(new Uri("http://127.0.0.1:9/hooks"));
        await using var silo = new SiloFactory(setup with { Extra = setup.Extra.Where(s => s.Key != "ActorRisk:Alerts:WebhookSecret").ToDictionary() });

        var error = Record.Exception(() => silo.Client());

        Assert.NotNull(error);
        Assert.Contains("ActorRisk:Alerts:WebhookSecret", error.ToString(), StringComparison.Ordinal);
    }

    private static SiloSetup Setup(Uri webhook, int maxAttempts = 12, string firstRetryDelay = "00:00:00.200") => new()
    {
        Extra = new Dictionary<string, string>
        {
            ["ActorRisk:Alerts:WebhookUrl"] = webhook.ToString(),
            ["ActorRisk:Alerts:WebhookSecret"] = Secret,
            ["ActorRisk:Alerts:FirstRetryDelay"] = firstRetryDelay,
            ["ActorRisk:Alerts:PollInterval"] = "00:00:00.100",
            ["ActorRisk:Alerts:MaxAttempts"] = maxAttempts.ToString(CultureInfo.InvariantCulture),
        },
    };

    /// <summary>20,000 card-not-present Visa sales and 1,600 Visa disputes today: VAMP's warnings up to "over" for the running month.</summary>
    private static async Task<IReadOnlyList<AlertReply>> RaiseVampAlertsAsync(HttpClient client, string merchantId)
    {
        var date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await client.RecordAsync(MerchantApi.Sales, MerchantApi.SalesBatch($"{merchantId}-sales", merchantId, CardNetwork.Visa, 20_000, 20_000 * 3_000, "USD", cardPresent: false, date));
        await AlertApi.ImportAsync(client, "/v1/disputes:batch", AlertApi.VisaDisputes(merchantId, date, 1, 1_600));
        var alerts = await client.AlertsAsync($"merchantId={merchantId}");
        Assert.Contains(alerts, a => a.Id == $"{merchantId}:OverThreshold:VAMP:{YearMonth.Of(DateTimeOffset.UtcNow)}");
        Assert.All(alerts, a => Assert.Equal(("VAMP", merchantId), (a.Program, a.MerchantId)));
        return alerts;
    }

    /// <summary>Checks X-ActorRisk-Signature "t=unix-seconds,v1=hex(HMAC-SHA256(secret, "t." + body))", computed here.</summary>
    private static void AssertSigned(WebhookRequest request, string secret, DateTimeOffset? signedAt = null)
    {
        var header = request.Header("X-ActorRisk-Signature");
        Assert.False(string.IsNullOrEmpty(header), "no X-ActorRisk-Signature header");
        var parts = header!.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty);
        Assert.Equal(["t", "v1"], parts.Keys);
        var t = long.Parse(parts["t"], NumberStyles.None, CultureInfo.InvariantCulture);
        if (signedAt is { } at)
        {
            Assert.Equal(at.ToUnixTimeSeconds(), t);
        }
        else
        {
            Assert.InRange(t, request.ReceivedAt.ToUnixTimeSeconds() - 30, request.ReceivedAt.ToUnixTimeSeconds() + 1);
        }

        byte[] signed = [.. Encoding.UTF8.GetBytes($"{parts["t"]}."), .. request.Body];
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        Assert.Equal(Convert.ToHexStringLower(mac), parts["v1"]);
        var forged = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret + "x"), signed);
        Assert.NotEqual(Convert.ToHexStringLower(forged), parts["v1"]);
    }

    /// <summary>The body is the alert as the API lists it, without delivery or acknowledgement; its id is the header's.</summary>
    private static void AssertBodyIs(AlertReply alert, WebhookRequest request)
    {
        var body = request.Json();
        Assert.Equal(["id", "merchantId", "kind", "program", "month", "raisedAt", "message"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(request.Header("X-ActorRisk-Alert-Id"), body.GetProperty("id").GetString());
        Assert.Equal(
            (alert.Id, alert.MerchantId, alert.Kind, alert.Program, alert.Month, alert.RaisedAt, alert.Message),
            (body.GetProperty("id").GetString(), body.GetProperty("merchantId").GetString(), body.GetProperty("kind").GetString(), body.GetProperty("program").GetString(),
                body.GetProperty("month").GetString(), body.GetProperty("raisedAt").GetDateTimeOffset(), body.GetProperty("message").GetString()));
    }
}
