using System.Globalization;

namespace ActorRisk.Benchmarks;

/// <summary>
/// CPU time used so far (seconds) by this process, by the benchmark's PostgreSQL server, and by the whole machine,
/// from Linux /proc (client time only elsewhere). The difference of two samples says where the CPU went during a
/// measurement: the client (this process), the server, interrupts (mostly loopback networking, charged to no
/// process), other processes (noise: builds and tests of other sessions on a shared machine, their PostgreSQL servers
/// included), and steal (the hypervisor ran someone else).
/// </summary>
internal readonly record struct CpuSample(double Client, double Server, double Processes, double Interrupts, double Idle, double Steal)
{
    private const double TicksPerSecond = 100; // USER_HZ

    /// <summary>All CPU time that passed, on all cores.</summary>
    public double Total => Processes + Interrupts + Idle + Steal;

    /// <summary>CPU time of processes other than this one and the benchmark's PostgreSQL.</summary>
    public double Others => Math.Max(0, Processes - Client - Server);

    public double Percent(double seconds) => Total > 0 ? 100 * seconds / Total : 0;

    /// <param name="serverPort">
    /// The port of the benchmark's PostgreSQL server: its postmaster and that postmaster's children count as the server.
    /// Null, or no postmaster found on it (a server elsewhere): every postgres process on the machine counts.
    /// </param>
    public static CpuSample Take(int? serverPort = null)
    {
        var client = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        if (!File.Exists("/proc/stat"))
        {
            return new CpuSample(client, 0, client, 0, 0, 0);
        }

        var postgres = new List<(int Pid, int Parent, double Seconds)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
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

                // Fields after the command: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
                var fields = stat[(close + 2)..].Split(' ');
                postgres.Add((pid, int.Parse(fields[1], CultureInfo.InvariantCulture), (Parse(fields[11]) + Parse(fields[12])) / TicksPerSecond));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        var postmaster = serverPort is { } port ? postgres.FirstOrDefault(p => IsPostmasterOn(p.Pid, port)).Pid : 0;
        var server = postgres.Where(p => postmaster == 0 || p.Pid == postmaster || p.Parent == postmaster).Sum(p => p.Seconds);

        // cpu user nice system idle iowait irq softirq steal
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => Parse(v) / TicksPerSecond).ToArray();
        return new CpuSample(client, server, cpu[0] + cpu[1] + cpu[2], cpu[5] + cpu[6], cpu[3] + cpu[4], cpu[7]);
    }

    public static CpuSample operator -(CpuSample after, CpuSample before) => new(
        after.Client - before.Client,
        after.Server - before.Server,
        after.Processes - before.Processes,
        after.Interrupts - before.Interrupts,
        after.Idle - before.Idle,
        after.Steal - before.Steal);

    /// <summary>Whether the process was started as a server on the port (pg_ctl's "-p PORT"; its children never are).</summary>
    private static bool IsPostmasterOn(int pid, int port)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            var at = Array.IndexOf(arguments, "-p");
            return at >= 0 && at + 1 < arguments.Length && arguments[at + 1] == port.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static double Parse(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
