using ActorRisk.Api.Merchants;
using ActorRisk.Domain.Cards;
using ActorRisk.Grains.Cards;
using ActorRisk.ReadModels.Audit;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// Operators suspend a merchant: every authorization there is declined with merchant_suspended until it is
/// reinstated; both actions are audited, kept across restarts, and refused to keys without the operator role.
/// </summary>
public sealed class MerchantSuspensionTests
{
    public static TheoryData<string> Storages => ["memory", "postgres"];

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task ASuspendedMerchantsAuthorizationsAreDeclinedUntilItIsReinstated(string storage)
    {
        var clock = new ManualClock();
        var setup = new SiloSetup { Clock = clock, ConnectionString = storage == "postgres" ? await SiloSetup.NewDatabaseAsync("suspend") : null };
        await using var silo = new SiloFactory(setup);
        using var gateway = silo.Client(TestKeys.Gateway);
        using var operatorClient = silo.Client(TestKeys.Operator);
        var audit = silo.Service<IAuditLog>();
        var merchant = $"m-susp-{Guid.NewGuid():N}"[..20];
        var card = Auth.NewToken();

        Assert.Equal("approve", (await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 12_000, merchant))).Decision);

        var suspendedAt = clock.Now;
        var suspend = await operatorClient.PostReplyAsync($"/v1/merchants/{merchant}/suspend", new { reason = "Card-testing investigation INC-2207." });
        Assert.Equal(HttpStatusCode.OK, suspend.Status);
        var suspended = suspend.Json();
        Assert.True(suspended.GetProperty("suspended").GetBoolean());
        Assert.Equal(TestKeys.OperatorName, suspended.GetProperty("suspension").GetProperty("suspendedBy").GetString());
        Assert.Equal(suspendedAt, suspended.GetProperty("suspension").GetProperty("since").GetDateTimeOffset());

        var declined = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 12_000, merchant));
        Assert.Equal("decline", declined.Decision);
        Assert.Equal(["merchant_suspended"], declined.Codes);
        Assert.False(declined.CardBlocked);
        Assert.Equal("approve", (await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 12_000, "merchant-ec-1"))).Decision);

        var shown = (await operatorClient.GetReplyAsync($"/v1/merchants/{merchant}")).Json();
        Assert.Equal("Card-testing investigation INC-2207.", shown.GetProperty("suspension").GetProperty("reason").GetString());

        clock.Advance(TimeSpan.FromHours(3));
        var reinstate = await operatorClient.PostReplyAsync($"/v1/merchants/{merchant}/reinstate", new { reason = "Investigation closed: merchant fixed its checkout." });
        Assert.Equal(HttpStatusCode.OK, reinstate.Status);
        Assert.False(reinstate.Json().GetProperty("suspended").GetBoolean());
        Assert.Equal("approve", (await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 12_000, merchant))).Decision);
        var afterReinstate = (await operatorClient.GetReplyAsync($"/v1/merchants/{merchant}")).Json();
        Assert.False(afterReinstate.TryGetProperty("suspension", out var left) && left.ValueKind != JsonValueKind.Null, afterReinstate.ToString());

        var entries = await audit.QueryAsync(new AuditQuery(Target: merchant));
        Assert.Equal([MerchantOperations.ReinstateAction, MerchantOperations.SuspendAction], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(TestKeys.OperatorName, e.Actor));
        Assert.Equal("Card-testing investigation INC-2207.", entries[1].Reason);
        Assert.Equal(suspendedAt, entries[1].At);
    }

    [Fact]
    public async Task ASuspensionSurvivesARestartAndAPolicyEditMadeMeanwhile()
    {
        var setup = new SiloSetup { ConnectionString = await SiloSetup.NewDatabaseAsync("suspend_restart") };
        await using (var before = new SiloFactory(setup))
        {
            using var operatorClient = before.Client(TestKeys.Operator);
            var policies = before.Service<IGrainFactory>().GetGrain<IPolicyGrain>(IPolicyGrain.SingletonKey);
            var editorsCopy = await policies.GetAsync(); // an admin opens the policy page...

            Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostReplyAsync("/v1/merchants/m-restart-1/suspend", new { reason = "Excessive chargebacks." })).Status);

            // ...and saves an edit from the copy read before the suspension: the suspension stays.
            await policies.SaveAsync(editorsCopy with { Default = editorsCopy.Default with { SmallAuthWithoutCvcAction = RiskAction.Decline } });
            Assert.True((await policies.GetAsync()).Suspensions.ContainsKey("m-restart-1"));
        }

        await using var after = new SiloFactory(setup);
        using var gateway = after.Client(TestKeys.Gateway);
        var answer = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), Auth.NewToken(), 12_000, "m-restart-1"));
        Assert.Equal("decline", answer.Decision);
        Assert.Equal(["merchant_suspended"], answer.Codes);
        Assert.Equal(RiskAction.Decline, after.Service<CardPolicyStore>().Book.Default.SmallAuthWithoutCvcAction);
    }

    [Theory]
    [InlineData(TestKeys.Gateway)]
    [InlineData(TestKeys.BackOffice)]
    public async Task KeysWithoutTheOperatorRoleCannotSuspend(string key)
    {
        await using var silo = new SiloFactory(new SiloSetup());
        using var client = silo.Client(key);

        var reply = await client.PostReplyAsync("/v1/merchants/m-1/suspend", new { reason = "Not allowed." });

        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Empty(silo.Service<CardPolicyStore>().Book.Suspensions);
        Assert.Empty(await silo.Service<IAuditLog>().QueryAsync(new AuditQuery(Target: "m-1")));
    }

    [Theory]
    [InlineData("/v1/merchants/m-1/suspend", """{}""", "reason")]
    [InlineData("/v1/merchants/m-1/suspend", """{"reason": "   "}""", "reason")]
    [InlineData("/v1/merchants/m%20bad/suspend", """{"reason": "Fraud."}""", "merchantId")]
    [InlineData("/v1/merchants/m-1/reinstate", """{"reason": 7}""", "reason")]
    public async Task BadRequestsAreRefusedWithTheFieldAndChangeNothing(string path, string body, string field)
    {
        await using var silo = new SiloFactory(new SiloSetup());
        using var client = silo.Client(TestKeys.Operator);

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), SiloApi.Json(body));
        SiloApi.AssertProblem(await SiloApi.ReadAsync(response), HttpStatusCode.BadRequest, field);

        Assert.Empty(silo.Service<CardPolicyStore>().Book.Suspensions);
    }
}
