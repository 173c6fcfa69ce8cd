using ActorRisk.Persistence.Benchmarks;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Usage: dotnet run -c Release --project bench/ActorRisk.Persistence.Benchmarks -- [--quick] [BenchmarkDotNet options]
//   --quick   BenchmarkDotNet's ShortRun (3 warm-up + 3 measured iterations): about a minute on 2 cores.
// In-process (BenchmarkDotNet 0.14 has no .NET 10 moniker); the PostgreSQL server it starts stops when it exits.
var quick = args.Contains("--quick", StringComparer.OrdinalIgnoreCase);
var bdnArgs = args.Where(a => !a.Equals("--quick", StringComparison.OrdinalIgnoreCase)).ToArray();

// Bounded whatever happens: a hang ends the process.
var limit = TimeSpan.FromMinutes(quick ? 10 : 30);
using var watchdog = new Timer(
    _ =>
    {
        Console.Error.WriteLine($"Benchmarks did not finish within {limit.TotalMinutes} minutes; exiting.");
        Environment.Exit(3);
    },
    null,
    limit,
    Timeout.InfiniteTimeSpan);

var job = (quick ? Job.ShortRun : Job.Default.WithWarmupCount(3).WithIterationCount(15).WithLaunchCount(1))
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithId(quick ? "ShortRun-InProcess" : "InProcess");
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(job)
    .AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.OperationsPerSecond);
var summaries = BenchmarkSwitcher.FromTypes([typeof(StorageWriteBenchmarks)]).Run(bdnArgs.Length == 0 ? ["--filter", "*"] : bdnArgs, config);
return summaries.All(s => !s.HasCriticalValidationErrors && s.Reports.All(r => r.Success)) ? 0 : 1;
