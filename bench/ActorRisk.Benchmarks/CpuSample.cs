using System.Globalization;

namespace ActorRisk.Benchmarks;

/// <summary>
/// CPU time used so far by this process, by all PostgreSQL server processes, and by the whole machine (Linux /proc;
/// zeros elsewhere). Differences over a measurement say where the CPU went: client, server, or other processes.
/// </summary>
internal readonly record struct CpuSample(double ClientSeconds, double ServerSeconds, double MachineBusySeconds, double MachineTotalSeconds)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static CpuSample Take()
    {
        var client = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        double server = 0, busy = 0, total = 0;
        try
        {
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), out _))
                {
                    continue;
                }

                try
                {
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var open = stat.IndexOf('(', StringComparison.Ordinal);
                    var close = stat.LastIndexOf(')');
                    if (open < 0 || close < open || stat[(open + 1)..close] != "postgres")
                    {
                        continue;
                    }

                    var fields = stat[(close + 2)..].Split(' ');
                    server += (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                }
                catch (IOException)
                {
                    // The process ended while we looked.
                }
            }

            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture) / TicksPerSecond).ToArray();
            total = cpu.Take(8).Sum(); // user nice system idle iowait irq softirq steal
            busy = total - cpu[3] - cpu[4];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Not Linux: client time only.
        }

        return new CpuSample(client, server, busy, total);
    }

    public static CpuSample operator -(CpuSample after, CpuSample before) => new(
        after.ClientSeconds - before.ClientSeconds,
        after.ServerSeconds - before.ServerSeconds,
        after.MachineBusySeconds - before.MachineBusySeconds,
        after.MachineTotalSeconds - before.MachineTotalSeconds);
}
