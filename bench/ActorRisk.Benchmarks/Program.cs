using System.Text.RegularExpressions;
using ActorRisk.Benchmarks;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Metrology;

// Usage: dotnet run -c Release --project bench/ActorRisk.Benchmarks -- [--quick | --smoke] [--filter <glob>...] [other BenchmarkDotNet options]
//   --quick    short jobs and short write measurements: the whole run takes a few minutes on 2 cores
//   --smoke    proves every selected benchmark runs (setup, workload, verification) and measures nothing: BenchmarkDotNet's
//              Dry job, one short write measurement per layer; for a busy machine or a check after a change
//   --filter   globs over Namespace.Type.Method, as BenchmarkDotNet's (default '*': everything). The storage
//              benchmarks are named ActorRisk.Benchmarks.StorageWriteBenchmarks.{Storage|Grain}_{PerWriteTransaction|GroupCommit};
//              a layer runs when either of its names matches (its baseline always runs with it).
//   --connection-options "<Npgsql options>"   appended to the connection string of the write benchmarks'
//              databases, for experiments (e.g. "Max Auto Prepare=16"); the default is PostgresServer's string as is.
var quick = args.Contains("--quick", StringComparer.OrdinalIgnoreCase);
var smoke = args.Contains("--smoke", StringComparer.OrdinalIgnoreCase);
var bdnArgs = args.Where(a => !a.Equals("--quick", StringComparison.OrdinalIgnoreCase) && !a.Equals("--smoke", StringComparison.OrdinalIgnoreCase)).ToList();
var connectionOptions = TakeOption(bdnArgs, "--connection-options");

// Help and listing go to BenchmarkDotNet (for the call benchmarks); the write benchmarks are then only named, not run.
var informational = bdnArgs.Any(a => a is "--help" or "-h" or "-?" or "--version" or "--info" or "--list");
if (informational)
{
    Console.WriteLine("ActorRisk.Benchmarks: --quick (short run), --smoke (runs everything once, measures nothing), --filter <glob>..., --connection-options \"<Npgsql options>\"; other options go to BenchmarkDotNet.");
    Console.WriteLine("Write benchmarks (custom runner, not BenchmarkDotNet):");
    foreach (var layer in StorageWriteBenchmarks.Layers)
    {
        Console.WriteLine($"  {StorageWriteBenchmarks.FilterName(layer, StorageWriteBenchmarks.Baseline)}");
        Console.WriteLine($"  {StorageWriteBenchmarks.FilterName(layer, StorageWriteBenchmarks.Candidate)}");
    }
}

var filters = Filters(bdnArgs);
if (filters.Count == 0)
{
    filters.Add("*");
    bdnArgs.AddRange(["--filter", "*"]);
}

// Bounded in time whatever happens: a hang ends the process (which also stops the PostgreSQL it started).
var limit = TimeSpan.FromMinutes(smoke ? 10 : quick ? 15 : 45);
using var watchdog = new Timer(
    _ =>
    {
        Console.Error.WriteLine($"Benchmarks did not finish within {limit.TotalMinutes} minutes; exiting.");
        Environment.Exit(3);
    },
    null,
    limit,
    Timeout.InfiniteTimeSpan);

try
{
    var ok = true;
    Type[] callTypes = [typeof(GrainCallBenchmarks), typeof(CrossSiloBenchmarks)];
    var callBenchmarks = callTypes.SelectMany(type => type.GetMethods()
        .Where(m => m.GetCustomAttributes(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), inherit: false).Length > 0)
        .Select(m => $"{type.FullName}.{m.Name}"));
    if (callBenchmarks.Any(name => Matches(filters, name)))
    {
        var job = (smoke ? Job.Dry : quick ? Job.ShortRun : Job.Default.WithWarmupCount(3).WithIterationCount(15).WithLaunchCount(1))
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId(smoke ? "Dry-InProcess" : quick ? "ShortRun-InProcess" : "InProcess");
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.OperationsPerSecond)
            // Allocations in bytes: BenchmarkDotNet's own choice of unit rounds 1,020 B and 1,500 B alike to "1 KB".
            .WithSummaryStyle(SummaryStyle.Default.WithSizeUnit(SizeUnit.B));
        foreach (var summary in BenchmarkSwitcher.FromTypes(callTypes).Run([.. bdnArgs], config))
        {
            ok &= !summary.HasCriticalValidationErrors && summary.Reports.All(r => r.Success);
        }
    }

    var layers = StorageWriteBenchmarks.Layers
        .Where(layer => new[] { StorageWriteBenchmarks.Baseline, StorageWriteBenchmarks.Candidate }
            .Any(mode => Matches(filters, StorageWriteBenchmarks.FilterName(layer, mode))))
        .ToList();
    if (layers.Count > 0 && !informational)
    {
        var settings = (smoke ? StorageWriteSettings.Smoke : quick ? StorageWriteSettings.Quick : StorageWriteSettings.Full) with { ConnectionOptions = connectionOptions };
        ok &= await StorageWriteBenchmarks.RunAsync(settings, layers, Console.Out);
    }

    return ok ? 0 : 1;
}
catch (Exception exception)
{
    // Return normally (not an unhandled crash) so process-exit handlers stop the PostgreSQL server.
    Console.Error.WriteLine(exception);
    return 2;
}

static string? TakeOption(List<string> arguments, string name)
{
    var index = arguments.FindIndex(a => a.Equals(name, StringComparison.OrdinalIgnoreCase));
    if (index < 0)
    {
        return null;
    }

    if (index + 1 >= arguments.Count)
    {
        throw new ArgumentException($"{name} needs a value.");
    }

    var value = arguments[index + 1];
    arguments.RemoveRange(index, 2);
    return value;
}

static List<string> Filters(List<string> arguments)
{
    var filters = new List<string>();
    for (var i = 0; i < arguments.Count; i++)
    {
        if (arguments[i] is "--filter" or "-f")
        {
            for (var j = i + 1; j < arguments.Count && !arguments[j].StartsWith('-'); j++)
            {
                filters.Add(arguments[j]);
            }
        }
    }

    return filters;
}

// BenchmarkDotNet's filter semantics: '*' and '?' wildcards, case-insensitive, over the full name.
static bool Matches(List<string> filters, string fullName) =>
    filters.Any(f => Regex.IsMatch(fullName, "^" + Regex.Escape(f).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase));
