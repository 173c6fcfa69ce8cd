using System.Diagnostics;

namespace ActorRisk.Cluster.Tests.Support;

/// <summary>
/// The checks every cluster test under load ends with: each id the gateways sent is sent once more through a live host;
/// an id that was acknowledged replays its first answer (same decision, same decision time), the others are decided
/// now, once; and each card's 24-hour attempts equal the ids sent for it, so nothing was lost or counted twice.
/// </summary>
public static class Ledger
{
    public static async Task AssertNothingAcknowledgedLostOrCountedTwiceAsync(Gateways gateways, IEnumerable<string> cards, HttpClient live)
    {
        await Parallel.ForEachAsync(gateways.Sent, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (entry, _) =>
        {
            var again = await live.AuthorizeRetryingAsync(entry.Value.Body);
            if (gateways.Answered.TryGetValue(entry.Key, out var first))
            {
                Assert.True((bool?)again["replayed"] == true, $"{entry.Key} was answered before but not replayed: {again.ToJsonString()}");
                Assert.Equal((string?)first["decision"], (string?)again["decision"]);
                Assert.Equal((string?)first["decidedAt"], (string?)again["decidedAt"]);
            }
        });

        foreach (var card in cards)
        {
            Assert.Equal(gateways.Sent.Values.Count(s => s.Card == card), await live.AttemptsAsync(card));
        }
    }

    /// <summary>Polls <paramref name="done"/> every 100 ms; fails naming <paramref name="what"/> after <paramref name="within"/>.</summary>
    public static async Task<TimeSpan> WaitAsync(Func<Task<bool>> done, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(clock.Elapsed < within, $"Not reached within {within.TotalSeconds:0} s: {what}");
            await Task.Delay(100);
        }

        return clock.Elapsed;
    }

    public static Task<TimeSpan> WaitAsync(Func<bool> done, TimeSpan within, string what) => WaitAsync(() => Task.FromResult(done()), within, what);
}
