using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ActorRisk.Client;
using ActorRisk.LoadGen;
using Spectre.Console;

var url = new Option<string[]>("--url")
{
    Description = "Host base address; repeat it for a cluster: the workers are spread over the hosts, worker N on host N mod count.",
    DefaultValueFactory = _ => ["http://127.0.0.1:5080"],
    AllowMultipleArgumentsPerToken = true,
};
var apiKey = new Option<string?>("--api-key") { Description = "API key with the gateway role (default: $ACTORRISK_API_KEY)." };
var duration = new Option<int>("--duration") { Description = "Seconds to measure (bounded: 1 to 3600).", DefaultValueFactory = _ => 20 };
var warmup = new Option<int>("--warmup") { Description = "Seconds of unmeasured load first (connections opened, code compiled on both sides; bounded: 0 to 600).", DefaultValueFactory = _ => 2 };
var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight.", DefaultValueFactory = _ => 32 };
var cards = new Option<int>("--cards") { Description = "Normal cards in the pool.", DefaultValueFactory = _ => 20_000 };
var merchants = new Option<int>("--merchants") { Description = "Merchants.", DefaultValueFactory = _ => 500 };
var testingShare = new Option<double>("--testing-share") { Description = "Share of draws that start a card-testing burst (0 to 1).", DefaultValueFactory = _ => 0.02 };
var burst = new Option<int>("--burst") { Description = "Small authorizations per card-testing burst.", DefaultValueFactory = _ => 8 };
var retries = new Option<int>("--retries") { Description = "Client retries on transient failures (same authorizationId).", DefaultValueFactory = _ => 2 };
var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same traffic).", DefaultValueFactory = _ => 42 };
var cardSeed = new Option<int?>("--card-seed") { Description = "Seed of the card pool (default: --seed); keep it across runs to send new ids for the same, already active cards." };
var rate = new Option<int>("--rate") { Description = "Target requests per second across all workers (0: as fast as possible).", DefaultValueFactory = _ => 0 };
var path = new Option<string>("--path") { Description = "Authorization endpoint (the silo's /bench/bare is the benchmark baseline).", DefaultValueFactory = _ => "v1/authorizations" };

var root = new RootCommand("ActorRisk load generator: replays normal purchases and card-testing bursts against a silo and reports throughput, latency and how much card testing was stopped.")
{
    url, apiKey, duration, warmup, concurrency, cards, merchants, testingShare, burst, retries, seed, cardSeed, path, rate,
};

root.SetAction(async (parse, cancellationToken) =>
{
    var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("ACTORRISK_API_KEY");
    if (string.IsNullOrEmpty(key))
    {
        AnsiConsole.MarkupLine("[red]An API key is needed: --api-key or ACTORRISK_API_KEY (the silo prints its demo key at start).[/]");
        return 2;
    }

    var seconds = Math.Clamp(parse.GetValue(duration), 1, 3600);
    var warmupSeconds = Math.Clamp(parse.GetValue(warmup), 0, 600);
    var workers = Math.Clamp(parse.GetValue(concurrency), 1, 4096);
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = workers, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    var hosts = parse.GetValue(url) is { Length: > 0 } given ? given : ["http://127.0.0.1:5080"];
    var https = hosts.Select(h => new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(h) }).ToArray();
    var clients = https.Select(http => new ActorRiskClient(http, new ActorRiskClientOptions { ApiKey = key, MaxRetries = parse.GetValue(retries), AuthorizationPath = parse.GetValue(path)!.TrimStart('/') })).ToArray();

    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    stop.CancelAfter(TimeSpan.FromSeconds(warmupSeconds + seconds));
    var results = Enumerable.Range(0, workers).Select(_ => new LoadResult()).ToArray();

    // Without a warm-up the first requests wait for connections and for the JIT on both sides; in paced mode the
    // ones scheduled behind them then count that start-up as latency.
    var measureFrom = Stopwatch.GetTimestamp() + (long)(warmupSeconds * Stopwatch.Frequency);

    await AnsiConsole.Progress().StartAsync(async progress =>
    {
        var task = progress.AddTask($"Sending for {warmupSeconds} + {seconds} s with {workers} in flight", maxValue: warmupSeconds + seconds);
        var runs = Enumerable.Range(0, workers).Select(w => RunWorkerAsync(w, results[w])).ToArray();
        while (!runs.All(r => r.IsCompleted))
        {
            task.Value = Math.Min(warmupSeconds + seconds, warmupSeconds + Stopwatch.GetElapsedTime(measureFrom).TotalSeconds);
            await Task.WhenAny(Task.WhenAll(runs), Task.Delay(250, CancellationToken.None));
        }

        task.Value = warmupSeconds + seconds;
        await Task.WhenAll(runs);
    });

    var elapsed = Stopwatch.GetElapsedTime(measureFrom).TotalSeconds;
    var total = new LoadResult();
    foreach (var result in results)
    {
        total.Merge(result);
    }

    Report(total, elapsed, clients.Sum(c => c.Retries), hosts.Length);
    foreach (var http in https)
    {
        http.Dispose();
    }

    return total.Errors > 0 && total.LatenciesMs.Count == 0 ? 1 : 0;

    async Task RunWorkerAsync(int worker, LoadResult result)
    {
        var client = clients[worker % clients.Length];
        var generator = new TrafficGenerator(parse.GetValue(seed), parse.GetValue(cardSeed) ?? parse.GetValue(seed), worker, parse.GetValue(cards), parse.GetValue(merchants), parse.GetValue(testingShare), parse.GetValue(burst));
        var target = parse.GetValue(rate);
        var interval = target > 0 ? TimeSpan.FromSeconds((double)workers / target) : TimeSpan.Zero;
        var next = Stopwatch.GetTimestamp();
        var measuring = false;
        while (!stop.IsCancellationRequested)
        {
            foreach (var (request, testing) in generator.Next())
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                if (!measuring && Stopwatch.GetTimestamp() >= measureFrom)
                {
                    measuring = true;
                    next = Stopwatch.GetTimestamp(); // the measured schedule starts on time, whatever the warm-up did
                }

                if (interval > TimeSpan.Zero)
                {
                    // Paced (open-loop) sending: latency is measured from the scheduled time, so a slow answer
                    // cannot hide the queueing it causes (no coordinated omission).
                    next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                    if (wait > TimeSpan.Zero)
                    {
                        try
                        {
                            await Task.Delay(wait, stop.Token);
                        }
                        catch (OperationCanceledException)
                        {
                            return;
                        }
                    }
                }

                var sent = Stopwatch.GetTimestamp();
                var started = interval > TimeSpan.Zero ? Math.Min(next, sent) : sent;
                try
                {
                    var answer = await client.AuthorizeAsync(request, CancellationToken.None);
                    if (!measuring)
                    {
                        continue;
                    }

                    var answered = Stopwatch.GetTimestamp();
                    result.LatenciesMs.Add(Stopwatch.GetElapsedTime(started, answered).TotalMilliseconds);
                    result.ServiceMs.Add(Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
                    result.Decisions[answer.Decision] = result.Decisions.GetValueOrDefault(answer.Decision) + 1;
                    if (testing)
                    {
                        result.TestingAttempts++;
                        switch (answer.Decision)
                        {
                            case "approve" or "review":
                                result.TestingApproved++;
                                break;
                            case "challenge":
                                result.TestingChallenged++;
                                break;
                            default:
                                result.TestingDeclined++;
                                break;
                        }
                    }
                    else if (answer.Decision == "decline")
                    {
                        result.NormalDeclined++;
                        foreach (var reason in answer.Reasons)
                        {
                            result.NormalDeclineReasons[reason.Code] = result.NormalDeclineReasons.GetValueOrDefault(reason.Code) + 1;
                        }
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or ActorRiskApiException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
                {
                    result.Errors += measuring ? 1 : 0;
                }
            }
        }
    }
});

return await root.Parse(args).InvokeAsync();

static void Report(LoadResult total, double elapsed, long retried, int hosts)
{
    string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + " ms";
    var table = new Table().Title("[bold]Load run[/]").AddColumns("Measure", "Value");
    table.AddRow("Hosts", hosts.ToString(CultureInfo.InvariantCulture));
    table.AddRow("Requests answered", total.LatenciesMs.Count.ToString("N0", CultureInfo.InvariantCulture));
    table.AddRow("Throughput", (total.LatenciesMs.Count / elapsed).ToString("N0", CultureInfo.InvariantCulture) + " /s");
    table.AddRow("Latency p50 / p90 / p99 / max", $"{Ms(total.Percentile(0.50))} / {Ms(total.Percentile(0.90))} / {Ms(total.Percentile(0.99))} / {Ms(total.Percentile(1.0))}");
    table.AddRow("  from send p50 / p90 / p99 / max", $"{Ms(LoadResult.Percentile(total.ServiceMs, 0.50))} / {Ms(LoadResult.Percentile(total.ServiceMs, 0.90))} / {Ms(LoadResult.Percentile(total.ServiceMs, 0.99))} / {Ms(LoadResult.Percentile(total.ServiceMs, 1.0))}");
    table.AddRow("Errors (after retries) / retries", $"{total.Errors:N0} / {retried:N0}");
    table.AddRow("Decisions", string.Join(", ", total.Decisions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {d.Value:N0}")));
    table.AddRow("Card-testing attempts", total.TestingAttempts.ToString("N0", CultureInfo.InvariantCulture));
    table.AddRow("  declined (blocked)", total.TestingDeclined.ToString("N0", CultureInfo.InvariantCulture));
    table.AddRow("  challenged (3-D Secure)", total.TestingChallenged.ToString("N0", CultureInfo.InvariantCulture));
    table.AddRow("  let through (approve/review)", total.TestingApproved.ToString("N0", CultureInfo.InvariantCulture));
    table.AddRow("Normal purchases declined", total.NormalDeclined.ToString("N0", CultureInfo.InvariantCulture) +
        (total.NormalDeclineReasons.Count == 0 ? string.Empty : " (" + string.Join(", ", total.NormalDeclineReasons.Select(r => $"{r.Key} {r.Value:N0}")) + ")"));
    AnsiConsole.Write(table);
}
