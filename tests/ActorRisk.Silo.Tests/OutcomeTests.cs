namespace ActorRisk.Silo.Tests;

/// <summary>The issuer's answers feed the decline counters: a card the issuer keeps declining is declined itself.</summary>
public sealed class OutcomeTests
{
    [Fact]
    public async Task OutcomeForAnUnknownAuthorizationIs404AndStoresNothing()
    {
        await using var silo = new SiloFactory();
        using var gateway = silo.Client(TestKeys.Gateway);
        var id = Auth.NewId();

        var reply = await gateway.OutcomeAsync(id, approved: false, "05");

        var problem = SiloApi.AssertProblem(reply, HttpStatusCode.NotFound);
        Assert.Contains(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The unknown id stays unknown: a later authorization with it is new, not a replay.
        var answer = await gateway.AuthorizeAsync(Auth.Request(id, Auth.NewToken(), 1_200, "merchant-ec-1"));
        Assert.False(answer.Replayed);
        Assert.Equal("approve", answer.Decision);
    }

    [Fact]
    public async Task OutcomeForADecisionTheCardNoLongerKeepsIsAcknowledgedButNotCounted()
    {
        var clock = new ManualClock();
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var gateway = silo.Client(TestKeys.Gateway);
        var card = Auth.NewToken();
        var oldest = Auth.NewId();
        await gateway.AuthorizeAsync(Auth.Request(oldest, card, 4_000, "merchant-ec-1"));
        for (var i = 0; i < 20; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 4_000, $"merchant-ec-{i % 3}"));
        }

        var reply = await gateway.OutcomeAsync(oldest, approved: false, "05");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.False(reply.Json().GetProperty("recorded").GetBoolean());
        Assert.True(reply.Json().GetProperty("knownAuthorization").GetBoolean());
        Assert.All((await gateway.CardAsync(card)).Counters, c => Assert.Equal(0, c.IssuerDeclines));
    }

    [Fact]
    public async Task IssuerDeclinesTriggerTheDeclineRateRuleAndRepeatsAreNotCounted()
    {
        var clock = new ManualClock();
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var gateway = silo.Client(TestKeys.Gateway);
        var card = Auth.NewToken();

        // Five ordinary purchases, five minutes apart; the issuer declines three of them (60% >= 50% over >= 5 attempts).
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = Auth.NewId();
            ids.Add(id);
            var answer = await gateway.AuthorizeAsync(Auth.Request(id, card, 2_500 + (i * 100), "merchant-ec-1"));
            Assert.Equal("approve", answer.Decision);
            clock.Advance(TimeSpan.FromMinutes(5));
        }

        for (var i = 0; i < 5; i++)
        {
            var declined = i is 0 or 2 or 4;
            var reply = await gateway.OutcomeAsync(ids[i], approved: !declined, declined ? "51" : null);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var outcome = reply.Json();
            Assert.Equal(ids[i], outcome.GetProperty("authorizationId").GetString());
            Assert.True(outcome.GetProperty("recorded").GetBoolean());
            Assert.True(outcome.GetProperty("knownAuthorization").GetBoolean());
        }

        // The same outcome again, or a contradicting one, is not recorded and adds no decline.
        var repeated = (await gateway.OutcomeAsync(ids[0], approved: false, "51")).Json();
        Assert.False(repeated.GetProperty("recorded").GetBoolean());
        Assert.True(repeated.GetProperty("knownAuthorization").GetBoolean());
        Assert.False((await gateway.OutcomeAsync(ids[1], approved: false, "05")).Json().GetProperty("recorded").GetBoolean());

        var snapshot = await gateway.CardAsync(card);
        Assert.Equal(3, snapshot.Window("1h").IssuerDeclines);
        Assert.Equal(5, snapshot.Window("1h").Attempts);
        Assert.Equal([false, true, false, true, false], snapshot.RecentDecisions.Reverse().Select(d => d.IssuerApproved));

        // The next attempt is declined by the decline-rate rule, and the card is blocked.
        var next = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 2_000, "merchant-ec-1"));
        Assert.Equal("decline", next.Decision);
        Assert.Contains("decline_rate", next.Codes);
        Assert.True(next.CardBlocked);
        Assert.Equal(clock.Now + TimeSpan.FromHours(24), next.CardBlockedUntil);
    }

    [Fact]
    public async Task TwoDeclinesInFiveAreBelowTheRate()
    {
        var clock = new ManualClock();
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock });
        using var gateway = silo.Client(TestKeys.Gateway);
        var card = Auth.NewToken();

        for (var i = 0; i < 5; i++)
        {
            var id = Auth.NewId();
            Assert.Equal("approve", (await gateway.AuthorizeAsync(Auth.Request(id, card, 3_000, "merchant-ec-1"))).Decision);
            Assert.Equal(HttpStatusCode.OK, (await gateway.OutcomeAsync(id, approved: i >= 2)).Status);
            clock.Advance(TimeSpan.FromMinutes(5));
        }

        var next = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 3_000, "merchant-ec-1"));
        Assert.Equal("approve", next.Decision);
        Assert.False(next.CardBlocked);
    }
}
