using System.Diagnostics;
using Xunit.Abstractions;

namespace ActorRisk.Cluster.Tests;

/// <summary>
/// A merchant suspended through one silo is declined on the other within two seconds, whichever silo its cards'
/// grains live on, and reinstated the same way: every silo asks the policy grain for a newer revision each second.
/// </summary>
public sealed class ClusterSettingsTests(ITestOutputHelper output)
{
    // Promised: two seconds (a one-second refresh plus a grain call). The test waits longer before it calls the change
    // lost, so a busy CI machine does not fail it; the time it took is printed, and docs/benchmarks.md reports it.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(6);

    [Theory]
    [MemberData(nameof(ClusterStore.Modes), MemberType = typeof(ClusterStore))]
    public async Task ASuspensionThroughOneSiloAppliesOnTheOtherWithinTwoSeconds(string mode)
    {
        await using var cluster = await LocalCluster.StartAsync(mode, silos: 2);
        using var first = LocalCluster.Client(cluster.Running[0]);
        using var second = LocalCluster.Client(cluster.Running[1]);
        var merchant = $"m-suspended-{Guid.NewGuid():N}"[..24];

        var (status, body) = await first.PostAsync($"/v1/merchants/{merchant}/suspend", new JsonObject { ["reason"] = "chargeback spike INC-7" });
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body?.ToJsonString()}");
        var applied = await UntilAsync(second, merchant, "decline");
        output.WriteLine($"{mode}: suspension through silo 1 declined on silo 2 after {applied.TotalMilliseconds:0} ms");

        (status, body) = await second.PostAsync($"/v1/merchants/{merchant}/reinstate", new JsonObject { ["reason"] = "cleared INC-7" });
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body?.ToJsonString()}");
        var lifted = await UntilAsync(first, merchant, "approve");
        output.WriteLine($"{mode}: reinstatement through silo 2 approved on silo 1 after {lifted.TotalMilliseconds:0} ms");
    }

    // Twenty fresh cards a round, so some of their grains are on each silo; every one must get the decision.
    private static async Task<TimeSpan> UntilAsync(HttpClient silo, string merchant, string decision)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            {
                var card = ClusterApi.NewCard();
                var request = ClusterApi.SmallAuthorization(card, merchant);
                request["amount"] = 5_000;
                return silo.AuthorizeAsync(request);
            }));
            if (answers.All(a => (string?)a["decision"] == decision))
            {
                return clock.Elapsed;
            }

            Assert.True(clock.Elapsed < Deadline, $"not every card got {decision} within {Deadline.TotalSeconds} s: {string.Join(", ", answers.Select(a => (string?)a["decision"]))}");
            await Task.Delay(100);
        }
    }
}
