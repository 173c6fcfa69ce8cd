using System.Diagnostics;
using Xunit.Abstractions;

namespace ActorRisk.Cluster.Tests;

/// <summary>
/// A silo of three is killed (SIGKILL) while gateways send authorizations to all three: the other two take its grains,
/// every authorization a gateway got an answer for replays that answer, every card counts each id once, and cards whose
/// grains moved still block at the policy's count. Real processes on one real store, PostgreSQL or Azurite.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int Cards = 40;
    private const int GatewayCount = 12;

    [Theory]
    [MemberData(nameof(ClusterStore.Modes), MemberType = typeof(ClusterStore))]
    public async Task AKilledSilosGrainsMoveAndNothingAcknowledgedIsLostOrCountedTwice(string mode)
    {
        await using var cluster = await LocalCluster.StartAsync(mode, silos: 3);
        var cards = Enumerable.Range(0, Cards).Select(_ => ClusterApi.NewCard()).ToArray();
        var gateways = new Gateways(cluster, cards, $"m-failover-{Guid.NewGuid():N}"[..20]);

        // Cards on their way to a card-testing block: two small authorizations each before the kill, each at a merchant
        // of its own (thirty cards testing one merchant would put that merchant under lockdown, a stricter policy).
        var testers = Enumerable.Range(0, 30).Select(_ => ClusterApi.NewCard()).ToArray();
        using (var first = LocalCluster.Client(cluster.Running[0]))
        {
            foreach (var card in testers)
            {
                for (var i = 0; i < 2; i++)
                {
                    Assert.Equal("approve", (string?)(await first.AuthorizeAsync(ClusterApi.SmallAuthorization(card, "m-" + card[4..16])))["decision"]);
                }
            }
        }

        using var stop = new CancellationTokenSource();
        var load = gateways.RunAsync(GatewayCount, stop.Token);
        await WaitAsync(() => gateways.Answered.Count >= 300, TimeSpan.FromSeconds(60), "300 answers before the kill");

        var victim = cluster.Running[1];
        var answeredAtKill = gateways.Answered.Count;
        var killedAt = Stopwatch.StartNew();
        await victim.KillAsync();
        await WaitAsync(() => gateways.Answered.Count >= answeredAtKill + 600, TimeSpan.FromSeconds(120), "600 more answers after the kill");
        var recovered = killedAt.Elapsed;
        await stop.CancelAsync();
        await load;
        output.WriteLine($"{mode}: {gateways.Answered.Count} answered, {gateways.Sent.Count} sent, {gateways.Retried} retries; 600 answers {recovered.TotalSeconds:0.0} s after the kill; slowest answer {gateways.SlowestAnswer.TotalSeconds:0.0} s");

        using var client = LocalCluster.Client(cluster.Running[0]);

        // Every id again: an acknowledged one replays its first answer; the others are decided now, once.
        await Parallel.ForEachAsync(gateways.Sent, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (entry, _) =>
        {
            var again = await client.AuthorizeAsync(entry.Value.Body);
            if (gateways.Answered.TryGetValue(entry.Key, out var first))
            {
                Assert.True((bool?)again["replayed"] == true, $"{entry.Key} was answered before but not replayed: {again.ToJsonString()}");
                Assert.Equal((string?)first["decision"], (string?)again["decision"]);
                Assert.Equal((string?)first["decidedAt"], (string?)again["decidedAt"]);
            }
        });

        foreach (var card in cards)
        {
            Assert.Equal(gateways.Sent.Values.Count(s => s.Card == card), await client.AttemptsAsync(card));
        }

        // The third small authorization blocks, wherever the card's grain lives now.
        foreach (var card in testers)
        {
            var third = await client.AuthorizeAsync(ClusterApi.SmallAuthorization(card, "m-" + card[4..16]));
            Assert.Equal("decline", (string?)third["decision"]);
            Assert.True((bool?)third["cardBlocked"], $"{card}: {third.ToJsonString()}");
        }
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(clock.Elapsed < within, $"Not reached within {within.TotalSeconds:0} s: {what}");
            await Task.Delay(100);
        }
    }
}
