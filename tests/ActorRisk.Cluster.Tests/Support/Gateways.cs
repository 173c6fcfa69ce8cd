using System.Collections.Concurrent;
using System.Diagnostics;

namespace ActorRisk.Cluster.Tests.Support;

/// <summary>
/// Point-of-sale gateways as they behave against a cluster: each sends authorizations to the hosts in turn and, when a
/// host fails to answer (connection refused, a 5xx), sends the same request with the same id to the next host until
/// one answers. What was sent and the first answer to each id are kept, for the counts after the test.
/// </summary>
public sealed class Gateways(LocalCluster cluster, IReadOnlyList<string> cards, string merchantPrefix)
{
    private readonly ConcurrentDictionary<string, (string Card, JsonObject Body)> sent = new();
    private readonly ConcurrentDictionary<string, JsonObject> answered = new();
    private readonly ConcurrentDictionary<string, TimeSpan> firstAnswerSinceMark = new();
    private Stopwatch? mark;
    private long retried;
    private long slowestRetryTicks;

    public IReadOnlyDictionary<string, (string Card, JsonObject Body)> Sent => sent;

    /// <summary>The first answer each acknowledged authorization got.</summary>
    public IReadOnlyDictionary<string, JsonObject> Answered => answered;

    /// <summary>Requests sent again to another host because a host did not answer.</summary>
    public long Retried => Interlocked.Read(ref retried);

    /// <summary>The longest time an authorization took from its first try to its answer, retries included.</summary>
    public TimeSpan SlowestAnswer => TimeSpan.FromTicks(Interlocked.Read(ref slowestRetryTicks));

    /// <summary>Per card, how long after the last <see cref="Mark"/> it was first answered.</summary>
    public IReadOnlyDictionary<string, TimeSpan> FirstAnswerSinceMark => firstAnswerSinceMark;

    /// <summary>Starts timing each card's first answer from now (e.g. a kill).</summary>
    public void Mark()
    {
        firstAnswerSinceMark.Clear();
        Volatile.Write(ref mark, Stopwatch.StartNew());
    }

    /// <summary>Runs <paramref name="gateways"/> gateways until <paramref name="stop"/> is cancelled.</summary>
    public Task RunAsync(int gateways, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, gateways).Select(g => Task.Run(() => GatewayAsync(g, gateways, stop), CancellationToken.None)));

    private async Task GatewayAsync(int gateway, int gateways, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var card = cards[(gateway + (i * gateways)) % cards.Count];
            var id = $"auth-{gateway}-{i}-{Guid.NewGuid():N}"[..40];
            var body = new JsonObject
            {
                ["authorizationId"] = id,
                ["cardToken"] = card,
                ["merchantId"] = $"{merchantPrefix}-{gateway % 4}",
                ["amount"] = 1_000 + i,
                ["currency"] = "JPY",
                ["cardPresent"] = false,
                ["cvcProvided"] = true,
                ["mcc"] = "5411",
            };
            sent[id] = (card, body);
            var markBefore = Volatile.Read(ref mark);
            if (await SendUntilAnsweredAsync(body, gateway + i, stop) is { } answer)
            {
                answered[id] = answer;

                // Only requests sent after the mark count: one in flight across it says nothing about recovery.
                if (markBefore is not null && ReferenceEquals(markBefore, Volatile.Read(ref mark)))
                {
                    firstAnswerSinceMark.TryAdd(card, markBefore.Elapsed);
                }
            }
        }
    }

    private async Task<JsonObject?> SendUntilAnsweredAsync(JsonObject body, int turn, CancellationToken stop)
    {
        var started = Stopwatch.StartNew();
        for (var attempt = 0; !stop.IsCancellationRequested || attempt == 0; attempt++)
        {
            var hosts = cluster.Running;
            if (hosts.Count == 0)
            {
                return null;
            }

            var host = hosts[(turn + attempt) % hosts.Count];
            try
            {
                using var client = LocalCluster.Client(host);
                client.Timeout = TimeSpan.FromSeconds(10);
                using var response = await client.PostAsync(new Uri("/v1/authorizations", UriKind.Relative), new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None))!.AsObject();
                    Slowest(started.Elapsed);
                    return answer;
                }

                if ((int)response.StatusCode < 500)
                {
                    throw new InvalidOperationException($"{host.Name} refused {body["authorizationId"]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // The host is gone or frozen: the gateway tries the next one with the same id.
            }

            Interlocked.Increment(ref retried);
            await Task.Delay(100, CancellationToken.None);
        }

        return null;
    }

    private void Slowest(TimeSpan elapsed)
    {
        var ticks = elapsed.Ticks;
        var current = Interlocked.Read(ref slowestRetryTicks);
        while (ticks > current && Interlocked.CompareExchange(ref slowestRetryTicks, ticks, current) != current)
        {
            current = Interlocked.Read(ref slowestRetryTicks);
        }
    }
}
