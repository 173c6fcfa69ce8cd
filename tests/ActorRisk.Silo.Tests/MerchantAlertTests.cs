using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;
using ActorRisk.ReadModels.Audit;
using Npgsql;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// Merchant alerts: each warning level of the running month once per merchant, program and month; program
/// entries, resumptions and exits at month close; listed newest first with filters, acknowledged by operators
/// (audited, once), and kept in PostgreSQL across a restart.
/// </summary>
public sealed class MerchantAlertTests
{
    private static readonly YearMonth November = new(2026, 11);


    [Fact]
    public async Task EachVampWarningLevelOfTheRunningMonthIsRaisedOnceWhenReached()
    {
        var clock = new ManualClock();
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var backOffice = silo.Client(TestKeys.BackOffice);
        using var reader = silo.Client(TestKeys.Operator);
        var merchantId = MerchantApi.NewMerchantId("vamp");
        var date = MerchantApi.Day(November, 20);

        await AlertApi.CnpSalesAsync(backOffice, merchantId, 20_000, date);
        Assert.Empty(await reader.AlertsAsync($"merchantId={merchantId}"));

        var approachingAt = clock.Now;
        await AlertApi.ImportAsync(backOffice, "/v1/disputes:batch", AlertApi.VisaDisputes(merchantId, date, 1, 900));
        Assert.Equal("approaching", (await backOffice.MerchantAsync(merchantId)).Projection.Single(p => p.Program == "VAMP").Warning);
        var approaching = Assert.Single(await reader.AlertsAsync($"merchantId={merchantId}"));
        Assert.Equal($"{merchantId}:Approaching:VAMP:2026-11", approaching.Id);

        clock.Advance(TimeSpan.FromMinutes(1));
        var projectedAt = clock.Now;
        await AlertApi.ImportAsync(backOffice, "/v1/disputes:batch", AlertApi.VisaDisputes(merchantId, date, 901, 1_100));
        Assert.Equal("projectedOver", (await backOffice.MerchantAsync(merchantId)).Projection.Single(p => p.Program == "VAMP").Warning);
        Assert.Equal(
            [$"{merchantId}:ProjectedOver:VAMP:2026-11", $"{merchantId}:Approaching:VAMP:2026-11"],
            (await reader.AlertsAsync($"merchantId={merchantId}")).Select(a => a.Id));

        clock.Advance(TimeSpan.FromMinutes(1));
        var overAt = clock.Now;
        await AlertApi.ImportAsync(backOffice, "/v1/disputes:batch", AlertApi.VisaDisputes(merchantId, date, 1_101, 1_600));
        Assert.Equal("over", (await backOffice.MerchantAsync(merchantId)).Projection.Single(p => p.Program == "VAMP").Warning);

        var alerts = await reader.AlertsAsync($"merchantId={merchantId}");
        Assert.Equal(
            [
                ($"{merchantId}:OverThreshold:VAMP:2026-11", "overThreshold", overAt),
                ($"{merchantId}:ProjectedOver:VAMP:2026-11", "projectedOver", projectedAt),
                ($"{merchantId}:Approaching:VAMP:2026-11", "approaching", approachingAt),
            ],
            alerts.Select(a => (a.Id, a.Kind, a.RaisedAt)));
        foreach (var alert in alerts)
        {
            Assert.Equal((merchantId, "VAMP", "2026-11"), (alert.MerchantId, alert.Program, alert.Month));
            Assert.Contains("VAMP", alert.Message, StringComparison.Ordinal);
            Assert.Contains("2026-11", alert.Message, StringComparison.Ordinal);
            Assert.Equal(new AlertDeliveryReply("none", 0, null, null, null), alert.Delivery);
            Assert.Null(alert.AcknowledgedBy);
            Assert.Null(alert.AcknowledgedAt);
        }

        var json = (await reader.GetReplyAsync($"/v1/alerts?merchantId={merchantId}&limit=1")).Json();
        var first = Assert.Single(json.EnumerateArray().ToList());
        Assert.Equal(
            ["id", "merchantId", "kind", "program", "month", "raisedAt", "message", "delivery", "acknowledgedBy", "acknowledgedAt"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["status", "attempts", "nextAttemptAt", "deliveredAt", "lastError"], first.GetProperty("delivery").EnumerateObject().Select(p => p.Name));
        Assert.Equal($"{merchantId}:OverThreshold:VAMP:2026-11", first.GetProperty("id").GetString());
    }

    [Fact]
    public async Task RecordsSentAgainOrALevelReachedAgainInTheSameMonthRaiseNoSecondAlert()
    {
        var clock = new ManualClock();
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var backOffice = silo.Client(TestKeys.BackOffice);
        using var analyst = silo.Client(TestKeys.Analyst);
        var merchantId = MerchantApi.NewMerchantId("dup");
        var date = MerchantApi.Day(November, 20);
        var sales = MerchantApi.SalesBatch(MerchantApi.NewId("batch"), merchantId, CardNetwork.Visa, 20_000, 20_000 * 3_000, "USD", cardPresent: false, date);
        var disputes = AlertApi.VisaDisputes(merchantId, date, 1, 1_600);
        await backOffice.RecordAsync(MerchantApi.Sales, sales);
        await AlertApi.ImportAsync(backOffice, "/v1/disputes:batch", disputes);
        var raised = await analyst.AlertsAsync($"merchantId={merchantId}");
        Assert.Equal(AlertApi.WarningKinds, AlertApi.KindsOf(raised));

        clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await backOffice.RecordAsync(MerchantApi.Sales, sales)).Replayed);
        var again = await AlertApi.ImportAsync(backOffice, "/v1/disputes:batch", disputes);
        Assert.Equal(1_600, again.GetProperty("replayed").GetInt32());
        Assert.Equal(raised, await analyst.AlertsAsync($"merchantId={merchantId}"));

        // More disputes while over: still over, nothing new.
        await AlertApi.ImportAsync(backOffice, "/v1/disputes:batch", AlertApi.VisaDisputes(merchantId, date, 1_601, 1_650));
        Assert.Equal(raised, await analyst.AlertsAsync($"merchantId={merchantId}"));

        // More sales dilute the ratio under every warning threshold, then more disputes go over again.
        await AlertApi.CnpSalesAsync(backOffice, merchantId, 130_000, date);
        Assert.Equal("none", (await backOffice.MerchantAsync(merchantId)).Projection.Single(p => p.Program == "VAMP").Warning);
        clock.Advance(TimeSpan.FromHours(1));
        await AlertApi.ImportAsync(backOffice, "/v1/disputes:batch", AlertApi.VisaDisputes(merchantId, date, 1_651, 2_600));
        Assert.Equal("over", (await backOffice.MerchantAsync(merchantId)).Projection.Single(p => p.Program == "VAMP").Warning);
        Assert.Equal(raised, await analyst.AlertsAsync($"merchantId={merchantId}"));

        // A new month has its own alerts.
        clock.MoveTo(November.Next().Start.AddDays(1).AddHours(9));
        var december = MerchantApi.Day(November.Next(), 2);
        await AlertApi.CnpSalesAsync(backOffice, merchantId, 20_000, december);
        await AlertApi.ImportAsync(backOffice, "/v1/disputes:batch", AlertApi.VisaDisputes(merchantId, december, 1, 1_600, "dec"));
        var both = await analyst.AlertsAsync($"merchantId={merchantId}");
        Assert.Equal(6, both.Count);
        Assert.Equal(raised, both.Where(a => a.Month == "2026-11"));
        Assert.Contains(both, a => a.Id == $"{merchantId}:OverThreshold:VAMP:2026-12" && a.RaisedAt == clock.Now);
    }

    [Fact]
    public async Task VdmpEntryResumptionAndExitAtMonthCloseRaiseOneAlertEach()
    {
        var january = new YearMonth(2024, 1);
        var clock = new ManualClock(january.Start.AddDays(19).AddHours(12));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("vdmp");

        await AlertApi.VisaMonthAsync(admin, merchantId, january, sales: 10_000, disputes: 120);

        clock.MoveTo(january.Next().Start.AddDays(9));
        await admin.CloseMonthAsync(january);
        var enteredAt = clock.Now;
        await AlertApi.VisaMonthAsync(admin, merchantId, january.Next(), sales: 10_000, disputes: 10);

        var march = new YearMonth(2024, 3);
        clock.MoveTo(march.Start.AddDays(9));
        await admin.CloseMonthAsync(march.Previous());
        Assert.Equal("wentBelow", (await admin.MerchantAsync(merchantId)).Program(MonitoringProgram.VDMP).Transition);
        await AlertApi.VisaMonthAsync(admin, merchantId, march, sales: 10_000, disputes: 120);

        clock.MoveTo(march.Next().Start.AddDays(9));
        await admin.CloseMonthAsync(march);
        var resumedAt = clock.Now;
        Assert.Equal("resumed", (await admin.MerchantAsync(merchantId)).Program(MonitoringProgram.VDMP).Transition);

        var june = new YearMonth(2024, 6);
        clock.MoveTo(june.Next().Start.AddDays(9));
        await admin.CloseMonthAsync(june);
        var exitedAt = clock.Now;
        var vdmp = (await admin.MerchantAsync(merchantId)).Program(MonitoringProgram.VDMP);
        Assert.Equal(("2024-06", "exited"), (vdmp.ClosedMonth, vdmp.Transition));

        var closeKinds = new[] { "programEntered", "programResumed", "programExited" };
        var alerts = (await admin.AlertsAsync($"merchantId={merchantId}")).Where(a => closeKinds.Contains(a.Kind)).ToList();
        Assert.Equal(
            [
                ($"{merchantId}:ProgramExited:VDMP:2024-06", "programExited", "2024-06", exitedAt),
                ($"{merchantId}:ProgramResumed:VDMP:2024-03", "programResumed", "2024-03", resumedAt),
                ($"{merchantId}:ProgramEntered:VDMP:2024-01", "programEntered", "2024-01", enteredAt),
            ],
            alerts.Select(a => (a.Id, a.Kind, a.Month, a.RaisedAt)));
        Assert.All(alerts, a => Assert.Equal("VDMP", a.Program));
        Assert.All(alerts, a => Assert.Contains("VDMP", a.Message, StringComparison.Ordinal));
        foreach (var kind in closeKinds)
        {
            var single = Assert.Single(await admin.AlertsAsync($"merchantId={merchantId}&kind={kind}"));
            Assert.Equal(kind, single.Kind);
        }

        // Closing again raises nothing.
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await admin.CloseMonthAsync(june)).AlreadyClosed);
        Assert.Equal(alerts, (await admin.AlertsAsync($"merchantId={merchantId}")).Where(a => closeKinds.Contains(a.Kind)));
    }

    [Fact]
    public async Task VampEntryAndItsExitAfterOneMonthBelowRaiseAlertsForTheClosedMonths()
    {
        var september = new YearMonth(2026, 9);
        var clock = new ManualClock(september.Start.AddDays(19).AddHours(12));
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("vamp-close");

        await AlertApi.CnpSalesAsync(admin, merchantId, 20_000, MerchantApi.Day(september, 20));
        await AlertApi.ImportAsync(admin, "/v1/disputes:batch", AlertApi.VisaDisputes(merchantId, MerchantApi.Day(september, 20), 1, 1_600));
        Assert.Equal(AlertApi.WarningKinds, AlertApi.KindsOf(await admin.AlertsAsync($"merchantId={merchantId}")));

        var october = september.Next();
        clock.MoveTo(october.Start.AddDays(9));
        await admin.CloseMonthAsync(september);
        var enteredAt = clock.Now;
        Assert.Equal("entered", (await admin.MerchantAsync(merchantId)).Program(MonitoringProgram.VAMP).Transition);
        await AlertApi.CnpSalesAsync(admin, merchantId, 20_000, MerchantApi.Day(october, 10));
        await AlertApi.ImportAsync(admin, "/v1/disputes:batch", AlertApi.VisaDisputes(merchantId, MerchantApi.Day(october, 10), 1, 10, "oct"));

        clock.MoveTo(November.Start.AddDays(9));
        await admin.CloseMonthAsync(october);
        var exitedAt = clock.Now;
        var vamp = (await admin.MerchantAsync(merchantId)).Program(MonitoringProgram.VAMP);
        Assert.Equal(("2026-10", "exited"), (vamp.ClosedMonth, vamp.Transition));

        var alerts = await admin.AlertsAsync($"merchantId={merchantId}&limit=2");
        Assert.Equal(
            [
                ($"{merchantId}:ProgramExited:VAMP:2026-10", "programExited", "2026-10", exitedAt),
                ($"{merchantId}:ProgramEntered:VAMP:2026-09", "programEntered", "2026-09", enteredAt),
            ],
            alerts.Select(a => (a.Id, a.Kind, a.Month, a.RaisedAt)));
        Assert.Equal(5, (await admin.AlertsAsync($"merchantId={merchantId}")).Count);
    }

    [Fact]
    public async Task AlertsAreFilteredByMerchantKindAndAcknowledgementNewestFirstUpToTheLimit()
    {
        var clock = new ManualClock();
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var admin = silo.Client();
        using var operatorClient = silo.Client(TestKeys.Operator);
        var date = MerchantApi.Day(November, 20);
        var first = MerchantApi.NewMerchantId("filter-a");
        var second = MerchantApi.NewMerchantId("filter-b");
        await AlertApi.CnpSalesAsync(admin, first, 20_000, date);
        await AlertApi.ImportAsync(admin, "/v1/disputes:batch", AlertApi.VisaDisputes(first, date, 1, 1_600));
        clock.Advance(TimeSpan.FromMinutes(10));
        await AlertApi.CnpSalesAsync(admin, second, 20_000, date);
        await AlertApi.ImportAsync(admin, "/v1/disputes:batch", AlertApi.VisaDisputes(second, date, 1, 1_600));

        var all = await admin.AlertsAsync(string.Empty);
        Assert.Equal(6, all.Count);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.RaisedAt >= p.Second.RaisedAt), string.Join(", ", all.Select(a => $"{a.Id}@{a.RaisedAt:O}")));
        Assert.Equal([second, second, second, first, first, first], all.Select(a => a.MerchantId));
        Assert.Equal(all.Take(2), await admin.AlertsAsync("limit=2"));
        Assert.Equal(all, await admin.AlertsAsync("limit=1000"));

        Assert.Equal([second, first], (await admin.AlertsAsync("kind=overThreshold")).Select(a => a.MerchantId));
        Assert.Equal([$"{first}:ProjectedOver:VAMP:2026-11"], (await admin.AlertsAsync($"merchantId={first}&kind=projectedOver")).Select(a => a.Id));
        Assert.Equal([$"{first}:Approaching:VAMP:2026-11"], (await admin.AlertsAsync($"merchantId={first}&kind=Approaching")).Select(a => a.Id));
        Assert.Empty(await admin.AlertsAsync("kind=programEntered"));
        Assert.Empty(await admin.AlertsAsync($"merchantId={MerchantApi.NewMerchantId("nobody")}"));

        var overId = $"{first}:OverThreshold:VAMP:2026-11";
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.AcknowledgeReplyAsync(overId, "Merchant called: refund wave after a shipping incident.")).Status);
        Assert.Equal([overId], (await admin.AlertsAsync("acknowledged=true")).Select(a => a.Id));
        Assert.Equal(all.Where(a => a.Id != overId).Select(a => a.Id), (await admin.AlertsAsync("acknowledged=false")).Select(a => a.Id));
        Assert.Equal(2, (await admin.AlertsAsync($"merchantId={first}&acknowledged=false")).Count);
        Assert.Empty(await admin.AlertsAsync($"merchantId={second}&acknowledged=true"));
    }

    [Theory]
    [InlineData("merchantId", "bad id!")]
    [InlineData("merchantId", "a/b")]
    [InlineData("merchantId", "x65")]
    [InlineData("kind", "bogus")]
    [InlineData("kind", "2")]
    [InlineData("kind", "approaching,overThreshold")]
    [InlineData("acknowledged", "yes")]
    [InlineData("acknowledged", "1")]
    [InlineData("limit", "0")]
    [InlineData("limit", "1001")]
    [InlineData("limit", "-1")]
    [InlineData("limit", "ten")]
    public async Task ABadQueryValueIsA400NamingTheField(string field, string value)
    {
        await using var silo = new SiloFactory();
        using var client = silo.Client(TestKeys.Operator);
        var text = value == "x65" ? new string('x', 65) : value;

        var reply = await client.GetReplyAsync($"/v1/alerts?{field}={Uri.EscapeDataString(text)}");

        var problem = SiloApi.AssertProblem(reply, HttpStatusCode.BadRequest, field);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task AnalystsOperatorsAndAdminsListAlertsButOnlyOperatorsAndAdminsAcknowledge()
    {
        var clock = new ManualClock();
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var admin = silo.Client();
        var merchantId = MerchantApi.NewMerchantId("roles");
        var date = MerchantApi.Day(November, 20);
        await AlertApi.CnpSalesAsync(admin, merchantId, 20_000, date);
        await AlertApi.ImportAsync(admin, "/v1/disputes:batch", AlertApi.VisaDisputes(merchantId, date, 1, 1_600));
        var id = $"{merchantId}:OverThreshold:VAMP:2026-11";

        using var anonymous = silo.Client(apiKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetReplyAsync("/v1/alerts")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.AcknowledgeReplyAsync(id, "No key.")).Status);
        foreach (var key in new[] { TestKeys.Analyst, TestKeys.Operator, TestKeys.AdminOnly })
        {
            using var client = silo.Client(key);
            Assert.Equal(3, (await client.AlertsAsync($"merchantId={merchantId}")).Count);
        }

        foreach (var key in new[] { TestKeys.Gateway, TestKeys.BackOffice })
        {
            using var client = silo.Client(key);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetReplyAsync($"/v1/alerts?merchantId={merchantId}")).Status);
        }

        foreach (var key in new[] { TestKeys.Gateway, TestKeys.BackOffice, TestKeys.Analyst })
        {
            using var client = silo.Client(key);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.AcknowledgeReplyAsync(id, "Not my job.")).Status);
        }

        Assert.Null((await admin.AlertsAsync($"merchantId={merchantId}&kind=overThreshold")).Single().AcknowledgedBy);
        Assert.Empty(await silo.Service<IAuditLog>().QueryAsync(new AuditQuery(Target: id)));
        var byAdmin = await admin.AcknowledgeReplyAsync(id, "Reviewed by the risk lead.");
        Assert.Equal(HttpStatusCode.OK, byAdmin.Status);
        Assert.Equal(TestKeys.AdminName, byAdmin.As<AlertReply>().AcknowledgedBy);
    }

    [Fact]
    public async Task AnOperatorAcknowledgesAnAlertOnceAndTheActionIsAudited()
    {
        var clock = new ManualClock();
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var admin = silo.Client();
        using var operatorClient = silo.Client(TestKeys.Operator);
        var audit = silo.Service<IAuditLog>();
        var merchantId = MerchantApi.NewMerchantId("ack");
        var date = MerchantApi.Day(November, 20);
        await AlertApi.CnpSalesAsync(admin, merchantId, 20_000, date);
        await AlertApi.ImportAsync(admin, "/v1/disputes:batch", AlertApi.VisaDisputes(merchantId, date, 1, 1_600));
        var id = $"{merchantId}:OverThreshold:VAMP:2026-11";
        var before = (await admin.AlertsAsync($"merchantId={merchantId}&kind=overThreshold")).Single();

        SiloApi.AssertProblem(await operatorClient.AcknowledgeReplyAsync(id, "   "), HttpStatusCode.BadRequest, "reason");
        SiloApi.AssertProblem(await operatorClient.PostReplyAsync($"/v1/alerts/{id}/acknowledge", SiloApi.Json("{}")), HttpStatusCode.BadRequest, "reason");
        SiloApi.AssertProblem(await operatorClient.PostReplyAsync($"/v1/alerts/{id}/acknowledge", new { reason = 42 }), HttpStatusCode.BadRequest, "reason");
        SiloApi.AssertProblem(await operatorClient.AcknowledgeReplyAsync(id, new string('x', 501)), HttpStatusCode.BadRequest, "reason");
        Assert.Empty(await audit.QueryAsync(new AuditQuery(Target: id)));
        Assert.Null((await admin.AlertsAsync($"merchantId={merchantId}&kind=overThreshold")).Single().AcknowledgedAt);

        var unknown = $"{merchantId}:OverThreshold:VAMP:2026-10";
        SiloApi.AssertProblem(await operatorClient.AcknowledgeReplyAsync(unknown, "Looks handled."), HttpStatusCode.NotFound);
        Assert.Empty(await audit.QueryAsync(new AuditQuery(Target: unknown)));

        clock.Advance(TimeSpan.FromMinutes(3));
        var acknowledgedAt = clock.Now;
        var reply = await operatorClient.AcknowledgeReplyAsync(id, "Merchant confirmed a fraud ring; reviewing with sales.");
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(SiloApi.JsonMediaType, reply.MediaType);
        var acknowledged = reply.As<AlertReply>();
        Assert.Equal(before with { AcknowledgedBy = TestKeys.OperatorName, AcknowledgedAt = acknowledgedAt }, acknowledged);
        Assert.Equal(acknowledged, (await admin.AlertsAsync($"merchantId={merchantId}&kind=overThreshold")).Single());

        var entry = Assert.Single(await audit.QueryAsync(new AuditQuery(Target: id)));
        Assert.Equal(
            (TestKeys.OperatorName, "alert.acknowledge", id, acknowledgedAt, "Merchant confirmed a fraud ring; reviewing with sales."),
            (entry.Actor, entry.Action, entry.Target, entry.At, entry.Reason));

        clock.Advance(TimeSpan.FromMinutes(3));
        var second = await admin.AcknowledgeReplyAsync(id, "Seen as well.");
        Assert.True(second.Status == HttpStatusCode.OK, second.ToString());
        Assert.Equal(acknowledged, second.As<AlertReply>());
        Assert.Equal(acknowledged, (await admin.AlertsAsync($"merchantId={merchantId}&kind=overThreshold")).Single());
        Assert.Equal(2, (await admin.AlertsAsync($"merchantId={merchantId}&acknowledged=false")).Count);
    }

    [Fact]
    public async Task AlertsAndTheirAcknowledgementAreKeptInPostgresAcrossARestart()
    {
        var clock = new ManualClock();
        var setup = new SiloSetup { Clock = clock, ConnectionString = await SiloSetup.NewDatabaseAsync("alerts") };
        var merchantId = MerchantApi.NewMerchantId("pg");
        var date = MerchantApi.Day(November, 20);
        var disputes = AlertApi.VisaDisputes(merchantId, date, 1, 1_600);
        var overId = $"{merchantId}:OverThreshold:VAMP:2026-11";
        IReadOnlyList<AlertReply> raised;
        AlertReply acknowledged;

        await using (var silo = new SiloFactory(setup))
        {
            using var admin = silo.Client();
            using var operatorClient = silo.Client(TestKeys.Operator);
            await AlertApi.CnpSalesAsync(admin, merchantId, 20_000, date);
            await AlertApi.ImportAsync(admin, "/v1/disputes:batch", disputes);
            raised = await admin.AlertsAsync($"merchantId={merchantId}");
            Assert.Equal(AlertApi.WarningKinds, AlertApi.KindsOf(raised));
            clock.Advance(TimeSpan.FromMinutes(5));
            var reply = await operatorClient.AcknowledgeReplyAsync(overId, "Escalated to the merchant's account manager.");
            Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
            acknowledged = reply.As<AlertReply>();
            Assert.Equal((TestKeys.OperatorName, clock.Now), (acknowledged.AcknowledgedBy, acknowledged.AcknowledgedAt));
        }

        await using (var dataSource = NpgsqlDataSource.Create(setup.ConnectionString!))
        await using (var command = dataSource.CreateCommand("SELECT id, merchant_id, acknowledged_by FROM alert_outbox WHERE merchant_id = $1 ORDER BY id"))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = merchantId });
            var rows = new List<(string, string, string?)>();
            await using var rowReader = await command.ExecuteReaderAsync();
            while (await rowReader.ReadAsync())
            {
                rows.Add((rowReader.GetString(0), rowReader.GetString(1), rowReader.IsDBNull(2) ? null : rowReader.GetString(2)));
            }

            Assert.Equal(
                [
                    ($"{merchantId}:Approaching:VAMP:2026-11", merchantId, null),
                    (overId, merchantId, TestKeys.OperatorName),
                    ($"{merchantId}:ProjectedOver:VAMP:2026-11", merchantId, null),
                ],
                rows);
        }

        clock.Advance(TimeSpan.FromMinutes(5));
        await using var restarted = new SiloFactory(setup);
        using var client = restarted.Client();
        var listed = await client.AlertsAsync($"merchantId={merchantId}");
        Assert.Equal(raised.Select(a => a.Id == overId ? acknowledged : a), listed);
        Assert.Equal([acknowledged], await client.AlertsAsync($"merchantId={merchantId}&acknowledged=true"));
        Assert.Equal([acknowledged], await client.AlertsAsync($"merchantId={merchantId}&kind=overThreshold"));
        Assert.Equal(listed.Take(1), await client.AlertsAsync($"merchantId={merchantId}&limit=1"));
        var entry = Assert.Single(await restarted.Service<IAuditLog>().QueryAsync(new AuditQuery(Target: overId)));
        Assert.Equal((TestKeys.OperatorName, "alert.acknowledge"), (entry.Actor, entry.Action));

        var again = await AlertApi.ImportAsync(client, "/v1/disputes:batch", disputes);
        Assert.Equal(1_600, again.GetProperty("replayed").GetInt32());
        var second = await client.AcknowledgeReplyAsync(overId, "Again after the restart.");
        Assert.Equal(acknowledged, second.As<AlertReply>());
        Assert.Equal(listed, await client.AlertsAsync($"merchantId={merchantId}"));
    }
}
