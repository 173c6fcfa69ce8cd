using ActorRisk.Runtime.Tests.Grains;
using ActorRisk.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Runtime.Tests;

/// <summary>Turn-based concurrency: one writing turn at a time, FIFO per caller, read-only turns only among themselves.</summary>
public sealed class TurnTests
{
    private static Task<TestSilo> StartAsync(MailboxProbe probe, Action<GrainRuntimeOptions>? options = null) =>
        TestSilo.StartAsync(
            b =>
            {
                b.AddGrain<IMailboxGrain, MailboxGrain>("mailbox", (i, id) => new MailboxGrainReference(i, id))
                    .AddGrain<ICounterGrain, CounterGrain>("counter", (i, id) => new CounterGrainReference(i, id))
                    .AddMemoryGrainStorage();
                if (options is not null)
                {
                    b.Configure(options);
                }
            },
            s => s.AddSingleton(probe));

    [Fact]
    public async Task CallsIssuedByOneCallerRunInIssueOrder()
    {
        var probe = new MailboxProbe();
        await using var silo = await StartAsync(probe);
        var grain = silo.GrainFactory.GetGrain<IMailboxGrain>("fifo");

        // Issued one after the other without awaiting: each call joins the mailbox before the next is issued.
        var calls = Enumerable.Range(0, 2_000).Select(i => grain.AppendAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        await Task.WhenAll(calls).Within();

        var log = await grain.GetLogAsync();
        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), log);
        Assert.Equal(0, probe.Violations);
    }

    [Fact]
    public async Task EachOfManyConcurrentCallersKeepsItsOwnOrder()
    {
        var probe = new MailboxProbe();
        await using var silo = await StartAsync(probe);
        var grain = silo.GrainFactory.GetGrain<IMailboxGrain>("fifo-many");
        const int callers = 8;
        const int perCaller = 1_250;

        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var mine = new List<Task>(perCaller);
            for (var i = 0; i < perCaller; i++)
            {
                mine.Add(grain.AppendAsync($"{c}:{i}"));
                if (i % 100 == 0)
                {
                    await Task.Yield(); // let the callers interleave with each other
                }
            }

            await Task.WhenAll(mine);
        }))).Within();

        var log = await grain.GetLogAsync();
        Assert.Equal(callers * perCaller, log.Count);
        for (var c = 0; c < callers; c++)
        {
            var prefix = $"{c}:";
            var sequence = log.Where(e => e.StartsWith(prefix, StringComparison.Ordinal)).Select(e => int.Parse(e[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(0, perCaller), sequence);
        }

        Assert.Equal(0, probe.Violations);
    }

    [Fact]
    public async Task TenThousandConcurrentCallsLoseNoIncrementAndNeverOverlap()
    {
        await using var silo = await StartAsync(new MailboxProbe());
        var counters = Enumerable.Range(0, 4).Select(i => silo.GrainFactory.GetGrain<ICounterGrain>($"turns-{i}")).ToArray();

        // 10k calls on four grains at once: increments read, yield, then write, so any interleaving loses some.
        await Task.WhenAll(Enumerable.Range(0, 10_000).Select(i => Task.Run(() => counters[i % 4].IncrementAsync(1)))).Within();

        foreach (var counter in counters)
        {
            Assert.Equal(2_500, await counter.GetAsync());
        }
    }

    [Fact]
    public async Task ReadOnlyCallsRunTogether()
    {
        var probe = new MailboxProbe();
        await using var silo = await StartAsync(probe);
        var grain = silo.GrainFactory.GetGrain<IMailboxGrain>("readers");

        // Each read waits inside the grain until all four are inside: only possible if they overlap.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => grain.ReadAsync(rendezvous: 4))).Within();

        Assert.Equal(4, probe.MaxReaders);
        Assert.Equal(0, probe.Violations);
    }

    [Fact]
    public async Task ReadOnlyCallsNeverOverlapAWritingTurn()
    {
        var probe = new MailboxProbe();
        await using var silo = await StartAsync(probe);
        var grain = silo.GrainFactory.GetGrain<IMailboxGrain>("mixed");
        var random = new Random(1234);
        var kinds = Enumerable.Range(0, 600).Select(_ => random.Next(3) == 0).ToArray();

        await Task.WhenAll(kinds.Select(write => Task.Run(() => write ? grain.WriteAsync() : grain.ReadAsync(rendezvous: 0)))).Within();

        Assert.Equal(0, probe.Violations);
        Assert.True(probe.MaxReaders > 1, "read-only calls never ran together, so the test proved nothing");
        Assert.Equal(kinds.Count(w => w), (await grain.GetLogAsync()).Count);
    }

    [Fact]
    public async Task AQueuedWriterIsNotOvertakenByLaterReaders()
    {
        var probe = new MailboxProbe();
        await using var silo = await StartAsync(probe);
        var grain = silo.GrainFactory.GetGrain<IMailboxGrain>("writer-first");
        await grain.MarkAsync("activated");

        var first = grain.HoldReadAsync("read1");
        await Eventually.HoldsAsync(() => probe.Events.Contains("read1:start"), "the first read runs");
        var write = grain.MarkAsync("write");
        var laterRead = grain.MarkReadAsync("read2");
        var laterWrite = grain.MarkAsync("write2");
        probe.Open("read1");
        await Task.WhenAll(first, write, laterRead, laterWrite).Within();

        Assert.Equal(["activated", "read1:start", "read1:end", "write", "read2", "write2"], probe.Events);
    }

    [Fact]
    public async Task ACallThatTimesOutInTheMailboxNeverRuns()
    {
        var probe = new MailboxProbe();
        await using var silo = await StartAsync(probe, o => o.ResponseTimeout = TimeSpan.FromMilliseconds(300));
        var grain = silo.GrainFactory.GetGrain<IMailboxGrain>("impatient");

        var hold = grain.HoldReadAsync("h");
        await Eventually.HoldsAsync(() => probe.Events.Contains("h:start"), "the holding read runs");
        await Assert.ThrowsAsync<TimeoutException>(() => grain.MarkAsync("late").Within());
        await Assert.ThrowsAsync<TimeoutException>(() => hold.Within()); // its caller gave up even earlier; the turn goes on
        probe.Open("h");
        await grain.MarkAsync("next").Within();

        Assert.Equal(["h:start", "h:end", "next"], probe.Events);
    }
}
