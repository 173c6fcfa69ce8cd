using System.Diagnostics;
using Xunit.Abstractions;

namespace ActorRisk.Cluster.Tests;

/// <summary>
/// A cluster grows from one silo to three while gateways send authorizations, and shrinks by one stopped as an
/// orchestrator stops a container (SIGTERM): the load is answered throughout with no error a gateway would not retry,
/// new cards' grains activate on the new silos too, the stopped silo exits 0 and leaves membership, and every
/// acknowledged authorization is counted once. Real processes on one real store, PostgreSQL or Azurite.
/// <para>
/// A month closes while the three silos serve the load: merchants recorded before the scale-out (their reminders
/// registered with one silo, then spread over three) and after it each close the month once, by one reminder tick.
/// </para>
/// </summary>
public sealed class ScaleTests(ITestOutputHelper output)
{
    private const int Cards = 40;
    private const int GatewayCount = 8;
    private const string CardGrain = "CardGrain";
    private const int ClosingMerchants = 12;

    // Long enough for one silo to start, answer 200 authorizations and grow to three on a busy CI machine: a close
    // due during a handover of reminder ranges would wait a whole retry period (10 minutes) for the next tick.
    private static readonly TimeSpan CloseLead = TimeSpan.FromSeconds(75);

    [Theory]
    [MemberData(nameof(ClusterStore.Modes), MemberType = typeof(ClusterStore))]
    public async Task SilosAddedAndOneStoppedGracefullyUnderLoadLoseAndDoubleCountNothing(string mode)
    {
        var close = MonthClose.DueIn(CloseLead);
        await using var cluster = await LocalCluster.StartAsync(mode, silos: 1, close.Settings);
        var first = cluster.Running[0];
        var closing = Enumerable.Range(0, ClosingMerchants).Select(i => $"m-close-{i}-{Guid.NewGuid():N}"[..20]).ToArray();
        using (var one = LocalCluster.Client(first))
        {
            foreach (var merchant in closing[..(ClosingMerchants / 2)])
            {
                await close.RecordSalesAsync(one, merchant, count: 10);
            }
        }

        // Cards whose grains all start on the first silo, and cards that appear after the scale-out.
        var earlyCards = Enumerable.Range(0, Cards).Select(_ => ClusterApi.NewCard()).ToArray();
        var lateCards = Enumerable.Range(0, Cards).Select(_ => ClusterApi.NewCard()).ToArray();
        var early = new Gateways(cluster, earlyCards, $"m-early-{Guid.NewGuid():N}"[..16]);
        var late = new Gateways(cluster, lateCards, $"m-late-{Guid.NewGuid():N}"[..16]);

        using var stop = new CancellationTokenSource();
        var earlyLoad = early.RunAsync(GatewayCount, stop.Token);
        await Ledger.WaitAsync(() => early.Answered.Count >= 200, TimeSpan.FromSeconds(60), "200 answers from one silo");

        var scaling = Stopwatch.StartNew();
        var added = await Task.WhenAll(cluster.StartSiloAsync(), cluster.StartSiloAsync());
        var scaledOut = scaling.Elapsed;
        await Ledger.WaitAsync(
            async () => (await Membership.ReadAsync(cluster)).Count(e => e.Status == "Active") == 3,
            TimeSpan.FromSeconds(30),
            "three Active silos in membership");

        var answeredAtScaleOut = early.Answered.Count;
        for (var i = ClosingMerchants / 2; i < ClosingMerchants; i++)
        {
            using var any = LocalCluster.Client(cluster.Running[i % cluster.Running.Count]);
            await close.RecordSalesAsync(any, closing[i], count: 10);
        }

        var lateLoad = late.RunAsync(GatewayCount, stop.Token);
        await Ledger.WaitAsync(() => late.Answered.Count >= 200, TimeSpan.FromSeconds(60), "200 answers for the late cards");

        // Every silo answers the API, and the late cards' grains live on more than the first silo.
        foreach (var host in cluster.Running)
        {
            using var direct = LocalCluster.Client(host);
            await direct.AuthorizeAsync(ClusterApi.SmallAuthorization(ClusterApi.NewCard(), "m-direct"));
        }

        IReadOnlyDictionary<int, int> activations;
        await using (var census = await GrainCensus.ConnectAsync(cluster))
        {
            activations = await census.ActivationsAsync(CardGrain);
        }

        var bySilo = cluster.Running.ToDictionary(h => h.Name, h => activations.Where(a => Membership.ListeningPorts(h).Contains(a.Key)).Sum(a => a.Value));
        output.WriteLine($"{mode}: {CardGrain} activations after scale-out: {string.Join(", ", bySilo.Select(s => $"{s.Key} {s.Value}"))}");
        Assert.All(bySilo, s => Assert.True(s.Value > 0, $"{s.Key} holds no {CardGrain}: {string.Join(", ", bySilo)}"));

        // The month closes under load on three silos; every merchant's reminder fires wherever its range now lives.
        var beforeDue = close.DueAt - DateTimeOffset.UtcNow;
        using (var api = LocalCluster.Client(first))
        {
            await Ledger.WaitAsync(
                async () => DateTimeOffset.UtcNow >= close.DueAt && (await Task.WhenAll(closing.Select(m => close.IsClosedAsync(api, m)))).All(c => c),
                CloseLead + TimeSpan.FromMinutes(11),
                $"every merchant's {close.Month} closed by its reminder");
        }

        var closedAfterDue = DateTimeOffset.UtcNow - close.DueAt;
        output.WriteLine($"{mode}: three silos up {beforeDue.TotalSeconds:0} s before the {close.Month} close was due; all {ClosingMerchants} merchants closed within {closedAfterDue.TotalSeconds:0.0} s of it");

        // SIGTERM to a new silo, which holds grains of its own now: it leaves the cluster and exits 0.
        var leaving = added[0];
        var leavingEntry = await Membership.EntryOfAsync(cluster, leaving);
        Assert.True(leavingEntry is { Status: "Active" }, $"{leaving.Name} is not Active in membership: {leavingEntry}");
        var answeredAtStop = early.Answered.Count + late.Answered.Count;
        var stopping = Stopwatch.StartNew();
        var exitCode = await leaving.StopAsync(TimeSpan.FromSeconds(60));
        var stopped = stopping.Elapsed;
        Assert.True(exitCode == 0, $"{leaving.Name} exited {exitCode}:{Environment.NewLine}{leaving.Output}");
        var leftAs = (await Membership.ReadAsync(cluster)).Single(e => e.SiloPort == leavingEntry.SiloPort && e.Generation == leavingEntry.Generation).Status;
        Assert.True(leftAs is "ShutDown" or "Dead", $"{leaving.Name} is {leftAs} in membership after its exit");

        await Ledger.WaitAsync(() => early.Answered.Count + late.Answered.Count >= answeredAtStop + 300, TimeSpan.FromSeconds(60), "300 answers after the stop");
        await stop.CancelAsync();

        // A gateway stops on an answer it would not retry (a 4xx): awaiting the load surfaces it.
        await Task.WhenAll(earlyLoad, lateLoad);
        output.WriteLine(
            $"{mode}: two silos added in {scaledOut.TotalSeconds:0.0} s ({early.Answered.Count - answeredAtScaleOut} early-card answers since); " +
            $"SIGTERM -> exit 0 in {stopped.TotalSeconds:0.0} s, left membership as {leftAs}");
        output.WriteLine(
            $"{mode}: {early.Answered.Count + late.Answered.Count} answered, {early.Sent.Count + late.Sent.Count} sent, " +
            $"{early.Retried + late.Retried} retries (5xx or no connection); slowest answer {TimeSpan.FromTicks(Math.Max(early.SlowestAnswer.Ticks, late.SlowestAnswer.Ticks)).TotalSeconds:0.0} s");
        output.WriteLine($"{mode}: {StaleWrites.Describe(cluster)}");

        using var live = LocalCluster.Client(first);
        await Ledger.AssertNothingAcknowledgedLostOrCountedTwiceAsync(early, earlyCards, live);
        await Ledger.AssertNothingAcknowledgedLostOrCountedTwiceAsync(late, lateCards, live);

        // Exactly once per merchant and month: one tick in the whole cluster's logs, one closed month with its sales.
        var ranOn = new List<string>();
        foreach (var merchant in closing)
        {
            var ticks = MonthClose.TicksLogged(cluster.All, merchant);
            Assert.True(ticks.Select(t => t.Closed).SequenceEqual([close.Month]), $"{merchant}: month-close ticks across the cluster: [{string.Join("; ", ticks)}]");
            ranOn.Add(ticks[0].Host);
            var history = await MonthClose.HistoryAsync(live, merchant);
            var month = Assert.Single(history, h => (string?)h!["month"] == close.Month)!;
            Assert.Equal(10, month["totals"]!["visa"]!["salesCount"]!.GetValue<int>());
        }

        output.WriteLine($"{mode}: one month-close tick per merchant, on {string.Join(", ", ranOn.CountBy(h => h).Select(h => $"{h.Key} {h.Value}"))}");
    }
}
