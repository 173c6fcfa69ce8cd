using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using ActorRisk.Abstractions.Serialization;
using ActorRisk.Benchmarks.Grains;
using ActorRisk.Persistence.PostgreSql;
using ActorRisk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;

namespace ActorRisk.Benchmarks;

/// <summary>
/// Durable state writes per second against one real PostgreSQL (started by <see cref="PostgresServer"/>, a fresh
/// database per configuration): N concurrent writers, each a closed loop that starts its next write when the
/// previous one is durable, for a fixed time. One-transaction-per-write (GroupCommit = false) is the baseline;
/// group commit is measured against it in the same run, repetitions interleaved (A B, B A, ...) so drift hits
/// both. Two layers:
/// <list type="bullet">
/// <item>Storage: PostgresGrainStorage's IGrainStorage.WriteStateAsync called directly, each writer its own row and
/// its own grain state object, whose ETag (the row's version) the storage keeps as it would for an activation.</item>
/// <item>Grain: each writer calls its own grain in an in-process Orleans silo, whose method changes its state and
/// awaits WriteStateAsync (the full path: Orleans call and turn, JSON state serializer, storage).</item>
/// </list>
/// BenchmarkDotNet is not used here: it measures the time of one invocation, while this is sustained throughput
/// under a fixed concurrency. Every acknowledged write is checked against the database afterwards.
/// <para>
/// The machine may be shared (other sessions build and test on it), so each measurement waits (at most
/// <see cref="StorageWriteSettings.QuietWait"/>) until other processes use less than <see cref="QuietPercent"/>% of the
/// CPU, and a measurement during which they used more than <see cref="NoisyPercent"/>% is discarded and repeated, at
/// most <see cref="StorageWriteSettings.MaxAttempts"/> times in all; one still noisy then is kept and counted as noisy.
/// </para>
/// </summary>
public static class StorageWriteBenchmarks
{
    public const string Baseline = "PerWriteTransaction";
    public const string Candidate = "GroupCommit";

    public static readonly string[] Layers = ["Storage", "Grain"];

    private const double QuietPercent = 10;
    private const double NoisyPercent = 15;

    /// <summary>The names --filter matches against, like BenchmarkDotNet's Namespace.Type.Method.</summary>
    public static string FilterName(string layer, string mode) => $"{typeof(StorageWriteBenchmarks).FullName}.{layer}_{mode}";

    public static async Task<bool> RunAsync(StorageWriteSettings settings, IReadOnlyCollection<string> layers, TextWriter output)
    {
        var started = Stopwatch.StartNew();
        output.WriteLine();
        output.WriteLine("// * StorageWriteBenchmarks: durable writes/s, group commit vs one transaction per write *");
        output.WriteLine($"// writers {string.Join(", ", settings.Writers)}; {settings.Duration.TotalSeconds:0.#} s per measurement; {settings.Repetitions} repetitions (interleaved); {settings.WarmupWritesPerWriter} warm-up writes per writer");
        output.WriteLine($"// a measurement waits up to {settings.QuietWait.TotalSeconds:0} s for other processes to use < {QuietPercent:0}% CPU; one where they used > {NoisyPercent:0}% is repeated (at most {settings.MaxAttempts} attempts)");
        var server = await PostgresServer.InstanceAsync();
        var serverPort = LocalPort(server.AdminConnectionString);
        output.WriteLine($"// PostgreSQL: {await DescribeServerAsync(server.AdminConnectionString)}");
        output.WriteLine($"// Server CPU: {(serverPort is { } port ? $"the postgres processes of the server on port {port}" : "every postgres process on this machine (the server is not local)")}");
        output.WriteLine($"// Connection string options: {(settings.ConnectionOptions is { Length: > 0 } extra ? extra : "(none added)")}");

        using var batches = new BatchSizeListener();
        var rows = new List<ResultRow>();
        var ok = true;
        foreach (var layer in layers)
        {
            foreach (var writers in settings.Writers)
            {
                var row = await RunConfigurationAsync(server, serverPort, layer, writers, settings, batches, output);
                ok &= row.Verified;
                rows.Add(row);
            }
        }

        var table = FormatTable(rows);
        output.WriteLine();
        output.WriteLine(table);
        var directory = Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts", "results");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "ActorRisk.Benchmarks.StorageWriteBenchmarks-report.md");
        await File.WriteAllTextAsync(file, table);
        output.WriteLine($"// StorageWriteBenchmarks done in {started.Elapsed.TotalSeconds:0} s; table written to {file}");
        return ok;
    }

    private static async Task<ResultRow> RunConfigurationAsync(PostgresServer server, int? serverPort, string layer, int writers, StorageWriteSettings settings, BatchSizeListener batches, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"// {layer}, {writers} writers");
        await using var baseline = await CreateTargetAsync(server, layer, groupCommit: false, writers, settings.ConnectionOptions);
        await using var candidate = await CreateTargetAsync(server, layer, groupCommit: true, writers, settings.ConnectionOptions);
        foreach (var target in new[] { baseline, candidate })
        {
            for (var i = 0; i < settings.WarmupWritesPerWriter; i++)
            {
                await Task.WhenAll(Enumerable.Range(0, writers).Select(w => target.WriteAsync(w)));
            }
        }

        var baselineRuns = new List<Measurement>();
        var candidateRuns = new List<Measurement>();
        for (var rep = 0; rep < settings.Repetitions; rep++)
        {
            var order = rep % 2 == 0 ? new[] { baseline, candidate } : [candidate, baseline];
            foreach (var target in order)
            {
                for (var attempt = 1; ; attempt++)
                {
                    await WaitForQuietAsync(settings.QuietWait, serverPort);
                    var m = await MeasureAsync(target, writers, settings.Duration, batches, serverPort);
                    var noisy = m.OthersPercent > NoisyPercent;
                    var verdict = !noisy ? string.Empty : attempt < settings.MaxAttempts ? "  DISCARDED (noisy), again" : "  NOISY (kept)";
                    output.WriteLine($"//   rep {rep + 1} {target.Mode,-20} {m.WritesPerSecond,9:N0} writes/s  p50 {m.P50Ms,6:0.00} ms  p99 {m.P99Ms,6:0.00} ms  batch {m.MeanBatch,5:0.0}  CPU/write: client {m.ClientCpuUs,4:0} µs, server {m.ServerCpuUs,4:0} µs  CPU: busy {m.BusyPercent,3:0}%, irq {m.InterruptsPercent,2:0}%, others {m.OthersPercent,2:0}%, steal {m.StealPercent,2:0}%  ({m.Writes:N0} writes, {m.Elapsed.TotalSeconds:0.00} s){verdict}");
                    if (!noisy || attempt >= settings.MaxAttempts)
                    {
                        (target == baseline ? baselineRuns : candidateRuns).Add(m with { Noisy = noisy });
                        break;
                    }
                }
            }
        }

        var verified = true;
        foreach (var target in new[] { baseline, candidate })
        {
            var stored = await target.StoredWritesAsync();
            var acknowledged = target.Acknowledged;
            output.WriteLine($"//   {target.Mode}: {acknowledged:N0} writes acknowledged, {stored:N0} in the database{(stored == acknowledged ? string.Empty : "  <-- MISMATCH")}");
            verified &= stored == acknowledged;
        }

        var paired = baselineRuns.Zip(candidateRuns, (b, c) => c.WritesPerSecond / b.WritesPerSecond).ToList();
        return new ResultRow(layer, writers, Summarize(baselineRuns), Summarize(candidateRuns), paired.Min(), paired.Max(), verified);
    }

    private static async Task<Measurement> MeasureAsync(WriteTarget target, int writers, TimeSpan duration, BatchSizeListener batches, int? serverPort)
    {
        var latencies = new List<long>[writers];
        for (var i = 0; i < writers; i++)
        {
            latencies[i] = new List<long>(1024);
        }

        var (batchesBefore, batchedBefore) = batches.Snapshot();
        var cpuBefore = CpuSample.Take(serverPort);
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, writers).Select(w => WriterLoopAsync(target, w, latencies[w], stop.Token)).ToArray();

        // Bounded: a hung write fails the run instead of hanging it.
        await Task.WhenAll(loops).WaitAsync(duration + TimeSpan.FromSeconds(60));
        clock.Stop();
        var cpu = CpuSample.Take(serverPort) - cpuBefore;
        var perWrite = 1e6 / Math.Max(1, latencies.Sum(l => l.Count));
        var (batchesAfter, batchedAfter) = batches.Snapshot();

        var all = latencies.SelectMany(l => l).Order().ToArray();
        var batchCount = batchesAfter - batchesBefore;
        return new Measurement(
            all.Length,
            clock.Elapsed,
            all.Length / clock.Elapsed.TotalSeconds,
            ToMs(Percentile(all, 0.50)),
            ToMs(Percentile(all, 0.99)),
            batchCount == 0 ? 1 : (double)(batchedAfter - batchedBefore) / batchCount,
            cpu.Client * perWrite,
            cpu.Server * perWrite,
            cpu.Percent(cpu.Processes + cpu.Interrupts),
            cpu.Percent(cpu.Interrupts),
            cpu.Percent(cpu.Others),
            cpu.Percent(cpu.Steal),
            Noisy: false);
    }

    private static async Task WriterLoopAsync(WriteTarget target, int writer, List<long> latencies, CancellationToken stop)
    {
        await Task.Yield();
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            await target.WriteAsync(writer);
            latencies.Add(Stopwatch.GetTimestamp() - started);
        }
    }

    /// <summary>Waits until other processes have used less than QuietPercent of the CPU for a second (bounded).</summary>
    private static async Task WaitForQuietAsync(TimeSpan limit, int? serverPort)
    {
        var deadline = Stopwatch.StartNew();
        var quietWindows = 0;
        while (deadline.Elapsed < limit && quietWindows < 2)
        {
            var before = CpuSample.Take(serverPort);
            await Task.Delay(500);
            var window = CpuSample.Take(serverPort) - before;
            quietWindows = window.Percent(window.Others) < QuietPercent ? quietWindows + 1 : 0;
        }
    }

    private static long Percentile(long[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static Summary Summarize(List<Measurement> runs)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        return new Summary(
            Median(runs.Select(r => r.WritesPerSecond)),
            runs.Min(r => r.WritesPerSecond),
            runs.Max(r => r.WritesPerSecond),
            Median(runs.Select(r => r.P50Ms)),
            Median(runs.Select(r => r.P99Ms)),
            Median(runs.Select(r => r.MeanBatch)),
            Median(runs.Select(r => r.ClientCpuUs)),
            Median(runs.Select(r => r.ServerCpuUs)),
            Median(runs.Select(r => r.BusyPercent)),
            Median(runs.Select(r => r.OthersPercent)),
            runs.Count(r => r.Noisy));
    }

    private static string FormatTable(List<ResultRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| Layer | Writers | Mode | Writes/s (median) | Min..max | Ratio (median) | Paired ratios min..max | p50 ms | p99 ms | Mean batch | CPU µs/write client | CPU µs/write server | CPU busy % | Others % | Noisy reps | Verified |");
        text.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            foreach (var (mode, s, isBaseline) in new[] { (Baseline, row.Baseline, true), (Candidate, row.Candidate, false) })
            {
                var ratio = isBaseline ? "1.00 (baseline)" : (s.WritesPerSecond / row.Baseline.WritesPerSecond).ToString("0.00", CultureInfo.InvariantCulture);
                var paired = isBaseline ? "-" : $"{row.PairedMin:0.00}..{row.PairedMax:0.00}";
                text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Layer} | {row.Writers} | {mode} | {s.WritesPerSecond:N0} | {s.Min:N0}..{s.Max:N0} | {ratio} | {paired} | {s.P50Ms:0.00} | {s.P99Ms:0.00} | {s.MeanBatch:0.0} | {s.ClientCpuUs:0} | {s.ServerCpuUs:0} | {s.BusyPercent:0} | {s.OthersPercent:0} | {s.NoisyRuns} | {(row.Verified ? "yes" : "NO")} |");
            }
        }

        return text.ToString();
    }

    /// <summary>The server's port if it runs on this machine (loopback), so its processes can be told from other servers.</summary>
    private static int? LocalPort(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return builder.Host is "127.0.0.1" or "localhost" or "::1" ? builder.Port : null;
    }

    private static async Task<string> DescribeServerAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var parts = new List<string>();
        foreach (var setting in new[] { "server_version", "fsync", "synchronous_commit", "wal_sync_method", "commit_delay", "shared_buffers", "max_connections" })
        {
            await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
            parts.Add($"{setting}={await command.ExecuteScalarAsync()}");
        }

        return string.Join(", ", parts);
    }

    private static async Task<WriteTarget> CreateTargetAsync(PostgresServer server, string layer, bool groupCommit, int writers, string? connectionOptions)
    {
        var connectionString = await server.CreateDatabaseAsync($"bench_{layer}_{(groupCommit ? "gc" : "tx")}_{writers}");
        if (connectionOptions is { Length: > 0 })
        {
            connectionString = new NpgsqlConnectionStringBuilder($"{connectionString};{connectionOptions}").ConnectionString;
        }

        return layer switch
        {
            "Storage" => new StorageTarget(connectionString, groupCommit, writers),
            "Grain" => await GrainTarget.StartAsync(connectionString, groupCommit, writers),
            _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "Unknown layer."),
        };
    }

    /// <param name="ClientCpuUs">CPU µs of this process per write.</param>
    /// <param name="ServerCpuUs">CPU µs of all PostgreSQL processes per write.</param>
    /// <param name="BusyPercent">Busy share of all cores (processes and interrupts) during the measurement.</param>
    /// <param name="InterruptsPercent">Share of all cores in interrupts (loopback networking, disk), charged to no process.</param>
    /// <param name="OthersPercent">Share of all cores used by other processes: noise.</param>
    /// <param name="StealPercent">Share of all cores the hypervisor gave to someone else.</param>
    private sealed record Measurement(int Writes, TimeSpan Elapsed, double WritesPerSecond, double P50Ms, double P99Ms, double MeanBatch, double ClientCpuUs, double ServerCpuUs, double BusyPercent, double InterruptsPercent, double OthersPercent, double StealPercent, bool Noisy);

    private sealed record Summary(double WritesPerSecond, double Min, double Max, double P50Ms, double P99Ms, double MeanBatch, double ClientCpuUs, double ServerCpuUs, double BusyPercent, double OthersPercent, int NoisyRuns);

    private sealed record ResultRow(string Layer, int Writers, Summary Baseline, Summary Candidate, double PairedMin, double PairedMax, bool Verified);

    /// <summary>One storage configuration under test; counts the writes it saw acknowledged.</summary>
    private abstract class WriteTarget(string connectionString, bool groupCommit) : IAsyncDisposable
    {
        private long acknowledged;

        public string Mode { get; } = groupCommit ? Candidate : Baseline;

        public long Acknowledged => Interlocked.Read(ref acknowledged);

        protected string ConnectionString { get; } = connectionString;

        public async Task WriteAsync(int writer)
        {
            await WriteCoreAsync(writer);
            Interlocked.Increment(ref acknowledged);
        }

        /// <summary>Every row starts at version 1 and gains one per write, so the sum of versions is the number of writes stored.</summary>
        public async Task<long> StoredWritesAsync()
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT coalesce(sum(version), 0)::bigint FROM grain_state", connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public abstract ValueTask DisposeAsync();

        protected abstract Task WriteCoreAsync(int writer);
    }

    /// <summary>PostgresGrainStorage's IGrainStorage.WriteStateAsync directly: one row per writer.</summary>
    private sealed class StorageTarget : WriteTarget
    {
        private readonly PostgresDatabases databases = new();
        private readonly ServiceProvider services;
        private readonly PostgresGrainStorage storage;
        private readonly GrainId[] ids;
        private readonly GrainState<WriterState>[] states;

        public StorageTarget(string connectionString, bool groupCommit, int writers)
            : base(connectionString, groupCommit)
        {
            // The storage creates a missing state with Orleans' activator provider: take it from a serializer container.
            services = new ServiceCollection().AddSerializer().BuildServiceProvider();
            var options = new PostgresGrainStorageOptions
            {
                ConnectionString = connectionString,
                GroupCommit = groupCommit,
                GrainStorageSerializer = new JsonGrainStateSerializer(),
            };
            storage = new PostgresGrainStorage("bench", options, databases, services.GetRequiredService<IActivatorProvider>(), NullLogger<PostgresGrainStorage>.Instance);
            ids = [.. Enumerable.Range(0, writers).Select(i => GrainId.Create("writer", $"w{i}"))];
            states = [.. Enumerable.Range(0, writers).Select(_ => new GrainState<WriterState>(new WriterState()))];
        }

        public override async ValueTask DisposeAsync()
        {
            await storage.DisposeAsync();
            await databases.DisposeAsync();
            await services.DisposeAsync();
        }

        protected override Task WriteCoreAsync(int writer)
        {
            var state = states[writer];
            var current = state.State ?? new WriterState();
            state.State = current with { Value = current.Value + 1, Writes = current.Writes + 1 };
            return storage.WriteStateAsync("writer", ids[writer], state);
        }
    }

    /// <summary>The full path: a grain call whose turn changes the state and awaits WriteStateAsync.</summary>
    private sealed class GrainTarget : WriteTarget
    {
        private readonly BenchSilo silo;
        private readonly IWriterGrain[] grains;
        private readonly long[] values;

        private GrainTarget(string connectionString, bool groupCommit, BenchSilo silo, int writers)
            : base(connectionString, groupCommit)
        {
            this.silo = silo;
            grains = [.. Enumerable.Range(0, writers).Select(i => silo.GrainFactory.GetGrain<IWriterGrain>($"w{i}"))];
            values = new long[writers];
        }

        public static async Task<GrainTarget> StartAsync(string connectionString, bool groupCommit, int writers)
        {
            var silo = await BenchSilo.StartAsync(s => s.AddPostgresGrainStorageAsDefault(o =>
            {
                o.ConnectionString = connectionString;
                o.GroupCommit = groupCommit;
            }));
            return new GrainTarget(connectionString, groupCommit, silo, writers);
        }

        public override ValueTask DisposeAsync() => silo.DisposeAsync();

        protected override Task WriteCoreAsync(int writer) => grains[writer].WriteAsync(++values[writer]);
    }

    /// <summary>Counts group-commit batches and the writes in them (the storage's batch-size histogram).</summary>
    private sealed class BatchSizeListener : IDisposable
    {
        private readonly MeterListener listener = new();
        private long batches;
        private long writes;

        public BatchSizeListener()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                // By name: the instrument may be published while PostgresStorageInstruments' static fields are still being set.
                if (instrument.Meter.Name == PostgresStorageInstruments.MeterName && instrument.Name == PostgresStorageInstruments.BatchSizeName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
            {
                Interlocked.Increment(ref batches);
                Interlocked.Add(ref writes, size);
            });
            listener.Start();
        }

        public (long Batches, long Writes) Snapshot() => (Interlocked.Read(ref batches), Interlocked.Read(ref writes));

        public void Dispose() => listener.Dispose();
    }
}

/// <param name="QuietWait">How long a measurement waits at most for other processes to go quiet.</param>
/// <param name="MaxAttempts">Measurements per repetition at most, when other processes keep the machine busy.</param>
public sealed record StorageWriteSettings(int[] Writers, TimeSpan Duration, int Repetitions, int WarmupWritesPerWriter, TimeSpan QuietWait, int MaxAttempts)
{
    /// <summary>Npgsql connection-string options appended to each benchmark database's connection string (experiments only).</summary>
    public string? ConnectionOptions { get; init; }

    /// <summary>Worst case (a machine never quiet) about 5 minutes; typically under one.</summary>
    public static StorageWriteSettings Quick { get; } = new([64, 256], TimeSpan.FromSeconds(1.5), 3, 3, TimeSpan.FromSeconds(5), 2);

    /// <summary>Proves the runner works (both modes, both layers, verification); its numbers mean nothing. About 20 s.</summary>
    public static StorageWriteSettings Smoke { get; } = new([16], TimeSpan.FromSeconds(0.5), 1, 1, TimeSpan.Zero, 1);

    /// <summary>Worst case about 40 minutes; typically 3.</summary>
    public static StorageWriteSettings Full { get; } = new([64, 256], TimeSpan.FromSeconds(4), 5, 5, TimeSpan.FromSeconds(15), 3);
}
