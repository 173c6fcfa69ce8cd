using System.Text.Json.Nodes;
using System.Collections.Concurrent;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// kill -9 of a durable silo under load, then a restart on the same stores: every authorization the gateway got an answer
/// for replays that answer, and every card counts each of its authorization ids once, whatever the kill interrupted.
/// Real processes, real PostgreSQL, real Azurite.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int Cards = 40;
    private const int Gateways = 16;

    public static TheoryData<string> Storages => ["postgres", "azure"];

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task AcknowledgedAuthorizationsSurviveAKillAndCountOnce(string storage)
    {
        var setup = new SiloSetup
        {
            ConnectionString = await SiloSetup.NewDatabaseAsync("crash"),
            AzureStorage = storage == "azure" ? (await AzuriteServer.InstanceAsync()).ConnectionString : null,
        };
        var httpPort = SiloSetup.FreePort();
        var pans = Enumerable.Range(0, Cards).Select(_ => Pans.NewValid()).ToArray();
        var sent = new ConcurrentDictionary<string, (string Pan, JsonObject Body)>();
        var acknowledged = new ConcurrentDictionary<string, AuthorizationReply>();

        await using (var first = await HostProcess.StartAsync(setup.Settings(), httpPort))
        {
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Gateways).Select(g => Task.Run(async () =>
            {
                using var gateway = first.Client(TestKeys.Gateway);
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var pan = pans[(g + (i * Gateways)) % Cards];
                    var id = Auth.NewId($"crash-{g}");
                    var body = Auth.Request(id, pan, 1_000 + i, $"merchant-crash-{g % 4}");
                    sent[id] = (pan, body);
                    try
                    {
                        var reply = await gateway.PostReplyAsync("/v1/authorizations", body);
                        if (reply.Status == HttpStatusCode.OK)
                        {
                            acknowledged[id] = reply.As<AuthorizationReply>();
                        }
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                    {
                        return; // the silo is gone
                    }
                }
            })).ToList();

            // Kill while requests are in flight, once a few hundred have been answered.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 300 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            await first.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        Assert.True(acknowledged.Count >= 300, $"only {acknowledged.Count} authorizations were answered before the kill");
        Assert.True(sent.Count > acknowledged.Count, "the kill should interrupt requests in flight");

        await using var second = await HostProcess.StartAsync(setup.Settings(), httpPort);
        using var client = second.Client(TestKeys.Gateway);
        var tokens = new ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(sent, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (entry, _) =>
        {
            var retry = await client.AuthorizeAsync(entry.Value.Body);
            tokens[entry.Value.Pan] = retry.CardToken;
            if (acknowledged.TryGetValue(entry.Key, out var first))
            {
                // The first answer, exactly: same decision, reasons, block and time, flagged as a replay.
                Assert.True(retry.Replayed, $"{entry.Key} was answered before the kill but not replayed");
                Assert.Equal(first with { Replayed = true, Reasons = retry.Reasons }, retry);
                Assert.Equal(first.Codes, retry.Codes);
            }
        });

        // Every id sent was counted once by its card: acknowledged ones before the kill, the others before or after it.
        using var reader = second.Client(TestKeys.Operator);
        foreach (var pan in pans.Where(tokens.ContainsKey))
        {
            var expected = sent.Values.Count(s => s.Pan == pan);
            var card = await reader.CardAsync(tokens[pan]);
            Assert.Equal(expected, card.Window("24h").Attempts);
        }
    }
}
