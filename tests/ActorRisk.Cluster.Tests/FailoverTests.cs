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
    public Task AKilledSilosGrainsMoveAndNothingAcknowledgedIsLostOrCountedTwice(string mode) => KillOneOfThreeAsync(mode);

    // The default directory is measured in both modes above; the strong one, an operator's choice
    // (docs/architecture.md), is held to the same ledger once.
    [Fact]
    public Task WithTheStrongGrainDirectoryTooAKilledSilosGrainsMoveAndNothingIsLostOrCountedTwice() =>
        KillOneOfThreeAsync("postgres", new Dictionary<string, string> { [StaleWrites.DirectoryKey] = "strong" });

    private async Task KillOneOfThreeAsync(string mode, IReadOnlyDictionary<string, string>? settings = null)
    {
        await using var cluster = await LocalCluster.StartAsync(mode, silos: 3, settings);
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
        await Ledger.WaitAsync(() => gateways.Answered.Count >= 300, TimeSpan.FromSeconds(60), "300 answers before the kill");

        // Every card answered again after the kill, those whose grains were on the killed silo included.
        var victim = cluster.Running[1];
        gateways.Mark();
        await victim.KillAsync();
        await Ledger.WaitAsync(() => gateways.FirstAnswerSinceMark.Count == Cards, TimeSpan.FromSeconds(120), "every card answered after the kill");
        var recovered = gateways.FirstAnswerSinceMark.Values.Max();
        await stop.CancelAsync();
        await load;
        output.WriteLine($"{mode}: {gateways.Answered.Count} answered, {gateways.Sent.Count} sent, {gateways.Retried} retries; every card answered again within {recovered.TotalSeconds:0.0} s of the kill; slowest answer {gateways.SlowestAnswer.TotalSeconds:0.0} s");
        output.WriteLine($"{mode}: {StaleWrites.Describe(cluster)}");

        using var client = LocalCluster.Client(cluster.Running[0]);

        await Ledger.AssertNothingAcknowledgedLostOrCountedTwiceAsync(gateways, cards, client);

        // The third small authorization blocks, wherever the card's grain lives now.
        foreach (var card in testers)
        {
            var third = await client.AuthorizeRetryingAsync(ClusterApi.SmallAuthorization(card, "m-" + card[4..16]));
            Assert.Equal("decline", (string?)third["decision"]);
            Assert.True((bool?)third["cardBlocked"], $"{card}: {third.ToJsonString()}");
        }
    }
}
