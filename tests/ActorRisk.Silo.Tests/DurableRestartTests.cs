namespace ActorRisk.Silo.Tests;

/// <summary>Durable mode: a silo restarted on the same PostgreSQL database keeps counters, blocks and first answers.</summary>
public sealed class DurableRestartTests
{
    [Fact]
    public async Task CountersAndAnswersSurviveASiloRestart()
    {
        var setup = new SiloSetup { ConnectionString = await SiloSetup.NewDatabaseAsync("restart") };
        var pan = Pans.NewValid();
        var token = setup.Tokenizer().Tokenize(pan).Token;
        var firstId = Auth.NewId();
        var secondId = Auth.NewId();
        AuthorizationReply first;

        await using (var before = new SiloFactory(setup))
        {
            using var gateway = before.Client(TestKeys.Gateway);
            first = await gateway.AuthorizeAsync(Auth.Request(firstId, pan, 1, "merchant-ec-1"));
            var second = await gateway.AuthorizeAsync(Auth.Request(secondId, pan, 1, "merchant-ec-1"));
            Assert.Equal(["approve", "approve"], new[] { first.Decision, second.Decision });
            Assert.Equal(token, first.CardToken);
        }

        // A new silo on the same database and tokenization key (the first one stopped gracefully).
        await using var after = new SiloFactory(setup);
        using var client = after.Client(TestKeys.Gateway);

        var third = await client.AuthorizeAsync(Auth.Request(Auth.NewId(), pan, 1, "merchant-ec-1"));
        Assert.Equal("decline", third.Decision);
        Assert.Contains("small_auth_burst", third.Codes);
        Assert.True(third.CardBlocked);
        Assert.Equal(token, third.CardToken);

        var retry = await client.AuthorizeAsync(Auth.Request(firstId, pan, 1, "merchant-ec-1"));
        Assert.True(retry.Replayed);
        Assert.Equal(first.Decision, retry.Decision);
        Assert.Equal(first.Codes, retry.Codes);
        Assert.Equal(first.DecidedAt, retry.DecidedAt);
        Assert.Equal(first.Last4, retry.Last4);
        SiloApi.AssertProblem(await client.PostReplyAsync("/v1/authorizations", Auth.Request(secondId, pan, 2, "merchant-ec-1")), HttpStatusCode.Conflict);

        var card = await client.CardAsync(token);
        Assert.True(card.Blocked);
        Assert.Equal("small_auth_burst", card.Block!.ReasonCode);
        Assert.Equal(3, card.Window("10m").Attempts);
        Assert.Equal(3, card.Window("10m").SmallAuthorizations);
        Assert.Equal(pan[^4..], card.Last4);

        // The outcome of an authorization answered before the restart is still matched to its card.
        var outcome = await client.OutcomeAsync(secondId, approved: false, "14");
        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.True(outcome.Json().GetProperty("recorded").GetBoolean());
        Assert.Equal(1, (await client.CardAsync(token)).Window("10m").IssuerDeclines);
    }
}
