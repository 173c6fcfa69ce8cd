using ActorRisk.Silo.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// A PAN is tokenized at the edge: it never appears in a response, a log line (at any level) or anything stored;
/// responses carry the token and the last four digits only.
/// </summary>
public sealed class PanSecrecyTests
{
    public static TheoryData<string> Storages => ["memory", "postgres"];

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task PanNeverAppearsInResponsesLogsOrStoredState(string storage)
    {
        var logs = new CapturingLoggerProvider();
        var recorder = storage == "memory" ? new RecordingGrainStorage() : null;
        var setup = new SiloSetup
        {
            Logs = logs,
            Storage = recorder,
            ConnectionString = storage == "postgres" ? await SiloSetup.NewDatabaseAsync("pan") : null,
            SeedDemoData = true, // the demo data goes through the same grains with card numbers of its own
        };
        var pan = Pans.NewValid();
        var otherPan = Pans.NewValid();
        var invalidPan = Pans.WithBadCheckDigit(Pans.NewValid());
        string[] secrets =
        [
            pan, pan[..^4], otherPan, otherPan[..^4], invalidPan, invalidPan[..^4], TestKeys.Gateway, TestKeys.Operator,
            DemoData.TesterPan, "4111111111111111", "5555555555554444", "4012888888881881", "5105105105105100",
        ];
        var canary = $"canary-{Guid.NewGuid():N}";
        var token = setup.Tokenizer().Tokenize(pan).Token;
        var replies = new List<Reply>();

        await using (var silo = new SiloFactory(setup))
        {
            using var gateway = silo.Client(TestKeys.Gateway);
            using var operatorClient = silo.Client(TestKeys.Operator);

            // A purchase, a burst that blocks the card, an outcome, all by PAN.
            var purchaseId = Auth.NewId();
            replies.Add(await gateway.PostReplyAsync("/v1/authorizations", Auth.Request(purchaseId, pan, 5_400, "merchant-store-1", cardPresent: true)));
            replies.Add(await gateway.OutcomeAsync(purchaseId, approved: false, "05"));
            for (var i = 0; i < 3; i++)
            {
                replies.Add(await gateway.PostReplyAsync("/v1/authorizations", Auth.Request(Auth.NewId(), pan, 1, "merchant-ec-1", cvcProvided: null)));
            }

            replies.Add(await gateway.PostReplyAsync("/v1/authorizations", Auth.Request(Auth.NewId(), otherPan, 2_000, "merchant-ec-1")));

            // Refused requests: a PAN with a bad check digit, and a PAN next to a token.
            var invalid = await gateway.PostReplyAsync("/v1/authorizations", Auth.Request(Auth.NewId(), invalidPan, 1, "merchant-ec-1"));
            SiloApi.AssertProblem(invalid, HttpStatusCode.BadRequest, "pan");
            replies.Add(invalid);
            var both = Auth.Request(Auth.NewId(), Auth.NewToken(), 1, "merchant-ec-1");
            both["pan"] = otherPan;
            replies.Add(await gateway.PostReplyAsync("/v1/authorizations", both));

            // The capture sees every level of every category, even those appsettings.json filters (Microsoft.AspNetCore: Warning).
            silo.Service<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Routing.Canary").Log(LogLevel.Trace, default, canary, null, (text, _) => text);

            // Operator reads and actions by token.
            replies.Add(await operatorClient.GetReplyAsync($"/v1/cards/{token}"));
            replies.Add(await operatorClient.PostReplyAsync($"/v1/cards/{token}/unblock", new { reason = "Cardholder confirmed." }));

            // The demo's blocked card-testing card is there, under its token.
            var demoCard = await operatorClient.CardAsync(setup.Tokenizer().Tokenize(DemoData.TesterPan).Token);
            Assert.True(demoCard.Blocked);

            var first = replies[0].As<AuthorizationReply>();
            Assert.Equal(token, first.CardToken);
            Assert.Equal(pan[^4..], first.Last4);
            Assert.Equal("decline", replies[4].As<AuthorizationReply>().Decision);
            var card = replies[^2].As<CardReply>();
            Assert.Equal(token, card.CardToken);
            Assert.Equal(pan[^4..], card.Last4);
            Assert.Equal(4, card.RecentDecisions.Count); // the purchase and the burst
        }

        foreach (var reply in replies)
        {
            Assert.True((int)reply.Status < 500, reply.ToString());
            AssertNoSecret(secrets, reply.Body, "response");
        }

        // The capture works (it sees the hosting and the silo's own messages) and holds no PAN.
        Assert.Contains(logs.Lines, l => l.Contains("/v1/authorizations", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Debug", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains(canary, StringComparison.Ordinal));
        Assert.All(logs.Lines, line => AssertNoSecret(secrets, line, "log"));

        IReadOnlyList<string> stored;
        if (recorder is not null)
        {
            stored = recorder.Writes;
        }
        else
        {
            stored = await PostgresScan.AllRowsAsync(setup.ConnectionString!);
            var states = await PostgresScan.GrainStatesAsync(setup.ConnectionString!);
            Assert.Contains(states, s => s.Type == "card" && s.Key == token && s.State.Contains(pan[^4..], StringComparison.Ordinal));
            Assert.Contains(stored, row => row.StartsWith("audit_log:", StringComparison.Ordinal) && row.Contains(token, StringComparison.Ordinal));
        }

        Assert.Contains(stored, s => s.Contains(token, StringComparison.Ordinal));
        Assert.All(stored, row => AssertNoSecret(secrets, row, "stored state"));
    }

    private static void AssertNoSecret(string[] secrets, string text, string where)
    {
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A card number appears in a {where}: {text}");
        }
    }
}
