using System.Diagnostics;
using Xunit.Abstractions;

namespace ActorRisk.Cluster.Tests;

/// <summary>
/// A silo of three freezes (SIGSTOP, as a machine that stalls or loses its network) while gateways send authorizations
/// to all three. The other two declare it dead in the membership table and take its grains; when it thaws (SIGCONT) it
/// still holds its old activations and the requests that queued up while it was frozen. Orleans makes such a zombie
/// fail fast as soon as it reads that it was declared dead; until then, whatever it writes with its stale state must be
/// refused by the grain state's etag, so nothing acknowledged is lost or counted twice.
/// </summary>
public sealed class ZombieSiloTests(ITestOutputHelper output)
{
    private const int Cards = 40;
    private const int GatewayCount = 12;

    // What Orleans' MembershipTableManager.KillMyselfLocally hands to its fatal error handler, which then calls Environment.FailFast.
    private const string ToldDead = "I have been told I am dead, so this silo will stop!";

    // ActorRisk's defaults (ActorRisk:Orleans:ProbeTimeout, MissedProbesLimit) are Orleans 10's: ProbeTimeout 5 s, NumMissedProbesLimit 3 and
    // NumVotesForDeathDeclaration 2 make the others vote after about 15 s, but with EnableConnectionLivenessCheck a silo
    // suppresses its vote while the suspect's connection delivered a message within MaxProbeTimeout (4 x 5 s) x 3 = 60 s.
    // So a frozen silo is declared dead at the first probe round after 60 s of silence (about 65-70 s).
    private static readonly TimeSpan DeclaredDeadWithin = TimeSpan.FromSeconds(100);

    // Membership at Information: the votes, their suppression and the eviction show in each host's output, for a failure's message.
    private static readonly Dictionary<string, string> MembershipLogging = new() { ["Logging:LogLevel:Orleans.Runtime.MembershipService"] = "Information" };

    private static readonly string[] MembershipWords = ["vote", "evict", "suspect", "dead", "FATAL"];

    [Theory]
    [MemberData(nameof(ClusterStore.Modes), MemberType = typeof(ClusterStore))]
    public async Task AFrozenSiloDeclaredDeadStopsWhenThawedAndNothingAcknowledgedIsLostOrCountedTwice(string mode)
    {
        await using var cluster = await LocalCluster.StartAsync(mode, silos: 3, MembershipLogging);
        var cards = Enumerable.Range(0, Cards).Select(_ => ClusterApi.NewCard()).ToArray();
        var gateways = new Gateways(cluster, cards, $"m-zombie-{Guid.NewGuid():N}"[..18]);

        using var stop = new CancellationTokenSource();
        var load = gateways.RunAsync(GatewayCount, stop.Token);
        await Ledger.WaitAsync(() => gateways.Answered.Count >= 200, TimeSpan.FromSeconds(60), "200 answers before the freeze");

        var zombie = cluster.Running[1];
        var zombieEntry = await Membership.EntryOfAsync(cluster, zombie);
        Assert.True(zombieEntry is { Status: "Active" }, $"{zombie.Name} is not Active in membership: {zombieEntry}");

        var frozen = Stopwatch.StartNew();
        zombie.Freeze();
        try
        {
            await Ledger.WaitAsync(async () => (await StatusAsync(cluster, zombieEntry)) == "Dead", DeclaredDeadWithin, $"{zombie.Name} declared Dead");
        }
        catch
        {
            output.WriteLine($"membership: {string.Join("; ", await Membership.ReadAsync(cluster))}");
            foreach (var voter in cluster.Running.Where(h => h != zombie))
            {
                output.WriteLine($"{voter.Name} on membership: {string.Join(Environment.NewLine, MembershipLines(voter))}");
            }

            throw;
        }

        var declaredDead = frozen.Elapsed;
        Assert.All(
            (await Membership.ReadAsync(cluster)).Where(e => e.SiloPort != zombieEntry.SiloPort),
            e => Assert.Equal("Active", e.Status));

        // The others take its grains: every card (about a third of them lived on the zombie) answers through a live
        // silo, and the gateways' load goes on.
        var answeredAtDeath = gateways.Answered.Count;
        using (var reader = LocalCluster.Client(cluster.Running[0]))
        {
            var cardsServed = await Ledger.WaitAsync(
                async () => (await Task.WhenAll(cards.Select(card => AnswersAsync(reader, card)))).All(answered => answered),
                // A silo that has not heard of the death yet holds a call to the zombie for Orleans' 30 s response
                // timeout before it learns; the time it took is printed.
                TimeSpan.FromSeconds(90),
                "every card read through a live silo");
            output.WriteLine($"{mode}: declared Dead -> every card read through a live silo {cardsServed.TotalSeconds:0.0} s");
        }

        // A gateway request a silo sent to the zombie just before the declaration waits out Orleans' 30 s response
        // timeout before its retry answers: the bound must be above that, or a loaded machine fails it by a hair.
        await Ledger.WaitAsync(() => gateways.Answered.Count >= answeredAtDeath + 50, TimeSpan.FromSeconds(90), "50 answers after the declaration");

        var thawed = Stopwatch.StartNew();
        var answeredAtThaw = gateways.Answered.Count;
        var outputAtThaw = zombie.Output.Length;
        zombie.Thaw();
        using (var exitWithin = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await zombie.WaitForExitAsync(exitWithin.Token);
        }

        var exited = thawed.Elapsed;

        // The load goes on without it.
        await Ledger.WaitAsync(() => gateways.Answered.Count >= answeredAtThaw + 50, TimeSpan.FromSeconds(30), "50 answers after the thaw");
        await stop.CancelAsync();
        await load;

        output.WriteLine(
            $"{mode}: frozen -> declared Dead {declaredDead.TotalSeconds:0.0} s; thaw -> process exit {exited.TotalSeconds:0.0} s");
        output.WriteLine(
            $"{mode}: {gateways.Answered.Count} answered, {gateways.Sent.Count} sent, {gateways.Retried} retries; slowest answer {gateways.SlowestAnswer.TotalSeconds:0.0} s");
        var lastWords = zombie.Output.Split('\n').FirstOrDefault(l => l.Contains(ToldDead, StringComparison.Ordinal)) ?? "";
        output.WriteLine($"{mode}: {zombie.Name} after the thaw: {lastWords.Trim()[..Math.Min(lastWords.Trim().Length, 160)]}");

        // Whether the zombie got to write before it stopped depends on timing; when it did, its host logged the refusal.
        var refusals = StaleWrites.Count(zombie.Output[outputAtThaw..]);
        output.WriteLine($"{mode}: {zombie.Name} logged {refusals} lines naming InconsistentStateException (a stale write refused by its etag) between thaw and exit");
        output.WriteLine($"{mode}: {StaleWrites.Describe(cluster)}");

        // Orleans' own verdict on itself: the zombie read its Dead entry and failed fast (Environment.FailFast).
        Assert.Contains(ToldDead, zombie.Output, StringComparison.Ordinal);
        Assert.Equal("Dead", await StatusAsync(cluster, zombieEntry));
        Assert.Equal(2, cluster.Running.Count);

        using var live = LocalCluster.Client(cluster.Running[0]);
        await Ledger.AssertNothingAcknowledgedLostOrCountedTwiceAsync(gateways, cards, live);
    }

    private static async Task<bool> AnswersAsync(HttpClient live, string card)
    {
        try
        {
            await live.AttemptsAsync(card);
            return true;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            // Not yet: the live silo still routes the card to the zombie, or answers 503 until it learns of the death.
            return false;
        }
    }

    private static IEnumerable<string> MembershipLines(HostProcess host) =>
        host.Output.Split(Environment.NewLine).Where(l => Array.Exists(MembershipWords, w => l.Contains(w, StringComparison.OrdinalIgnoreCase)));

    private static async Task<string?> StatusAsync(LocalCluster cluster, MembershipRow silo) =>
        (await Membership.ReadAsync(cluster)).SingleOrDefault(e => e.SiloPort == silo.SiloPort && e.Generation == silo.Generation)?.Status;
}
