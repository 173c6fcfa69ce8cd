using System.Text.Json.Nodes;

namespace ActorRisk.Silo.Tests;

/// <summary>Gateways retry: one authorizationId is decided once and counted once, however many times it arrives.</summary>
public sealed class IdempotencyTests
{
    public static TheoryData<string> Storages => ["memory", "postgres"];

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task HundredParallelDuplicatesAreDecidedOnceAndCountedOnce(string storage)
    {
        var clock = new ManualClock();
        var connectionString = storage == "postgres" ? await SiloSetup.NewDatabaseAsync("idempotency") : null;
        await using var silo = new SiloFactory(new SiloSetup { Clock = clock, ConnectionString = connectionString });
        using var gateway = silo.Client(TestKeys.Gateway);
        var card = Auth.NewToken();
        var id = Auth.NewId();
        var body = Auth.Request(id, card, 3_480, "merchant-ec-1").ToJsonString();

        var replies = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => gateway.PostReplyAsync("/v1/authorizations", SiloApi.Json(body))));

        Assert.All(replies, r => Assert.True(r.Status == HttpStatusCode.OK, r.ToString()));
        var answers = replies.Select(r => r.As<AuthorizationReply>()).ToList();
        Assert.Single(answers, a => !a.Replayed);
        Assert.Equal(99, answers.Count(a => a.Replayed));
        var first = answers.Single(a => !a.Replayed);
        Assert.Equal("approve", first.Decision);
        Assert.All(answers, a =>
        {
            Assert.Equal(id, a.AuthorizationId);
            Assert.Equal(card, a.CardToken);
            Assert.Equal(first.Decision, a.Decision);
            Assert.Equal(first.Codes, a.Codes);
            Assert.Equal(first.DecidedAt, a.DecidedAt);
            Assert.Equal(first.CardBlocked, a.CardBlocked);
        });

        var snapshot = await gateway.CardAsync(card);
        Assert.All(snapshot.Counters, c => Assert.Equal(1, c.Attempts));
        var recorded = Assert.Single(snapshot.RecentDecisions);
        Assert.Equal(id, recorded.AuthorizationId);
        Assert.Equal(new MoneyReply(3_480, "JPY"), recorded.Amount);

        // A retry much later still gets the first answer, and is still not counted.
        clock.Advance(TimeSpan.FromMinutes(30));
        var late = await gateway.AuthorizeAsync(JsonNode.Parse(body)!);
        Assert.True(late.Replayed);
        Assert.Equal(first.DecidedAt, late.DecidedAt);
        Assert.Equal(1, (await gateway.CardAsync(card)).Window("1h").Attempts);
    }

    [Fact]
    public async Task SameIdWithOtherDetailsIsAConflictAndChangesNothing()
    {
        await using var silo = new SiloFactory();
        using var gateway = silo.Client(TestKeys.Gateway);
        var card = Auth.NewToken();
        var id = Auth.NewId();
        var first = await gateway.AuthorizeAsync(Auth.Request(id, card, 2_000, "merchant-ec-1"));
        Assert.False(first.Replayed);

        var otherAmount = await gateway.PostReplyAsync("/v1/authorizations", Auth.Request(id, card, 2_001, "merchant-ec-1"));
        var problem = SiloApi.AssertProblem(otherAmount, HttpStatusCode.Conflict);
        Assert.Contains(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        SiloApi.AssertProblem(await gateway.PostReplyAsync("/v1/authorizations", Auth.Request(id, card, 2_000, "merchant-ec-2")), HttpStatusCode.Conflict);
        SiloApi.AssertProblem(await gateway.PostReplyAsync("/v1/authorizations", Auth.Request(id, card, 2_000, "merchant-ec-1", currency: "USD")), HttpStatusCode.Conflict);

        // The same id for another card is another authorization's id: refused too, and the other card sees nothing.
        var otherCard = Auth.NewToken();
        SiloApi.AssertProblem(await gateway.PostReplyAsync("/v1/authorizations", Auth.Request(id, otherCard, 2_000, "merchant-ec-1")), HttpStatusCode.Conflict);
        SiloApi.AssertProblem(await gateway.GetReplyAsync($"/v1/cards/{otherCard}"), HttpStatusCode.NotFound);

        Assert.All((await gateway.CardAsync(card)).Counters, c => Assert.Equal(1, c.Attempts));
        var again = await gateway.AuthorizeAsync(Auth.Request(id, card, 2_000, "merchant-ec-1"));
        Assert.True(again.Replayed);
        Assert.Equal(first.DecidedAt, again.DecidedAt);
    }

    [Theory]
    [InlineData("cardPresent", true)]
    [InlineData("cvcProvided", false)]
    [InlineData("isVerification", true)]
    [InlineData("mcc", "5999")]
    [InlineData("issuerCountry", "NG")]
    [InlineData("timestamp", "2026-11-01T00:00:00Z")]
    public async Task SameIdWithAnyOtherDecisionInputIsAConflict(string field, object value)
    {
        await using var silo = new SiloFactory();
        using var gateway = silo.Client(TestKeys.Gateway);
        var card = Auth.NewToken();
        var id = Auth.NewId();
        var first = await gateway.AuthorizeAsync(Auth.Request(id, card, 2_000, "merchant-ec-1"));

        var changed = Auth.Request(id, card, 2_000, "merchant-ec-1");
        changed[field] = JsonValue.Create(value);
        SiloApi.AssertProblem(await gateway.PostReplyAsync("/v1/authorizations", changed), HttpStatusCode.Conflict);

        var again = await gateway.AuthorizeAsync(Auth.Request(id, card, 2_000, "merchant-ec-1"));
        Assert.True(again.Replayed);
        Assert.Equal(first.DecidedAt, again.DecidedAt);
        Assert.Equal(1, (await gateway.CardAsync(card)).Window("1h").Attempts);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task AnIdIsForgottenAfterTheConfiguredRetention(string storage)
    {
        var connectionString = storage == "postgres" ? await SiloSetup.NewDatabaseAsync("retention") : null;
        await using var silo = new SiloFactory(new SiloSetup
        {
            ConnectionString = connectionString,
            Extra = new Dictionary<string, string>
            {
                ["ActorRisk:Idempotency:Retention"] = "00:00:00.200",
            },
        });
        using var gateway = silo.Client(TestKeys.Gateway);
        var card = Auth.NewToken();
        var id = Auth.NewId();
        Assert.False((await gateway.AuthorizeAsync(Auth.Request(id, card, 2_000, "merchant-ec-1"))).Replayed);

        // Once past the retention, the card no longer knows the id: the answer is not a replay. The card still remembers its
        // last 20 decisions, so it does not count the attempt twice.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        AuthorizationReply again;
        do
        {
            await Task.Delay(100);
            again = await gateway.AuthorizeAsync(Auth.Request(id, card, 2_000, "merchant-ec-1"));
        }
        while (again.Replayed && DateTime.UtcNow < deadline);

        Assert.False(again.Replayed);
        Assert.Equal(1, (await gateway.CardAsync(card)).Window("1h").Attempts);
    }
}
