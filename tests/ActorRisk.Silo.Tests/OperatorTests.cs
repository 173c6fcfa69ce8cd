using ActorRisk.ReadModels.Audit;

namespace ActorRisk.Silo.Tests;

/// <summary>Operators block and unblock cards; every action is audited with who (the key's name), when and why.</summary>
public sealed class OperatorTests
{
    public static TheoryData<string> Storages => ["memory", "postgres"];

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task BlockAndUnblockAreAuditedAndUnblockLetsTheNextSmallAuthorizationThrough(string storage)
    {
        var clock = new ManualClock();
        var setup = new SiloSetup { Clock = clock, ConnectionString = storage == "postgres" ? await SiloSetup.NewDatabaseAsync("operator") : null };
        await using var silo = new SiloFactory(setup);
        using var gateway = silo.Client(TestKeys.Gateway);
        using var operatorClient = silo.Client(TestKeys.Operator);
        var audit = silo.Service<IAuditLog>();
        Assert.Equal(storage == "postgres" ? typeof(PostgresAuditLog) : typeof(MemoryAuditLog), audit.GetType());
        var card = Auth.NewToken();

        // A burst blocks the card.
        for (var i = 0; i < 3; i++)
        {
            var answer = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 50, "merchant-ec-1"));
            Assert.Equal(i < 2 ? "approve" : "decline", answer.Decision);
        }

        Assert.True((await operatorClient.CardAsync(card)).Blocked);
        var stillBlocked = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 50, "merchant-ec-1"));
        Assert.Contains("card_blocked", stillBlocked.Codes);

        // The cardholder confirms the charges: the operator unblocks.
        clock.Advance(TimeSpan.FromMinutes(7));
        var unblockedAt = clock.Now;
        var unblock = await operatorClient.PostReplyAsync($"/v1/cards/{card}/unblock", new { reason = "Cardholder confirmed the test charges by phone (ticket 4411)." });
        Assert.Equal(HttpStatusCode.OK, unblock.Status);
        var afterUnblock = unblock.As<CardReply>();
        Assert.False(afterUnblock.Blocked);
        Assert.Null(afterUnblock.Block);

        var entry = Assert.Single(await audit.QueryAsync(new AuditQuery(Target: card)));
        Assert.Equal(TestKeys.OperatorName, entry.Actor);
        Assert.Equal("card.unblock", entry.Action);
        Assert.Equal(card, entry.Target);
        Assert.Equal(unblockedAt, entry.At);
        Assert.Equal("Cardholder confirmed the test charges by phone (ticket 4411).", entry.Reason);

        // Unblocking forgives the burst: the next small authorization goes through.
        clock.Advance(TimeSpan.FromMinutes(1));
        var small = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 50, "merchant-ec-1"));
        Assert.Equal("approve", small.Decision);
        Assert.False(small.CardBlocked);

        // A manual block until a time: audited with the end, named in the card, and enforced.
        clock.Advance(TimeSpan.FromMinutes(1));
        var blockedAt = clock.Now;
        var until = blockedAt + TimeSpan.FromHours(2);
        var block = await operatorClient.PostReplyAsync($"/v1/cards/{card}/block", new { reason = "Suspected compromise: skimmer at merchant-store-9.", until = until.ToString("O") });
        Assert.Equal(HttpStatusCode.OK, block.Status);
        var blocked = block.As<CardReply>();
        Assert.True(blocked.Blocked);
        Assert.Equal("manual_block", blocked.Block!.ReasonCode);
        Assert.Equal(TestKeys.OperatorName, blocked.Block.BlockedBy);
        Assert.Equal(until, blocked.Block.Until);
        Assert.Equal(blockedAt, blocked.Block.Since);

        var entries = await audit.QueryAsync(new AuditQuery(Target: card));
        Assert.Equal(["card.block", "card.unblock"], entries.Select(e => e.Action));
        var blockEntry = entries[0];
        Assert.Equal(TestKeys.OperatorName, blockEntry.Actor);
        Assert.Equal(blockedAt, blockEntry.At);
        Assert.Equal("Suspected compromise: skimmer at merchant-store-9.", blockEntry.Reason);
        using (var details = JsonDocument.Parse(blockEntry.DetailsJson!))
        {
            Assert.Equal(until, details.RootElement.GetProperty("until").GetDateTimeOffset());
        }

        clock.Advance(TimeSpan.FromMinutes(30));
        var purchase = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 8_000, "merchant-store-2", cardPresent: true));
        Assert.Equal("decline", purchase.Decision);
        Assert.Contains("card_blocked", purchase.Codes);
        Assert.Contains(purchase.Reasons, r => r.Code == "card_blocked" && r.Message.Contains(TestKeys.OperatorName, StringComparison.Ordinal));
        Assert.Equal(until, purchase.CardBlockedUntil);

        // The demo key (every role) acts as "demo"; an indefinite block has no end.
        var indefinite = await silo.Client().PostReplyAsync($"/v1/cards/{card}/block", new { reason = "Escalated to the fraud team." });
        Assert.Equal(HttpStatusCode.OK, indefinite.Status);
        Assert.Null(indefinite.As<CardReply>().Block!.Until);
        var byDemo = Assert.Single(await audit.QueryAsync(new AuditQuery(Actor: TestKeys.AdminName, Target: card)));
        Assert.Equal("card.block", byDemo.Action);
        Assert.Null(byDemo.DetailsJson);
        Assert.Equal(2, (await audit.QueryAsync(new AuditQuery(Actor: TestKeys.OperatorName))).Count);
    }
}
