using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ActorRisk.Portal.Tests.Support;

/// <summary>One message a test silo logged.</summary>
public sealed record SiloLogEntry(LogLevel Level, string Category, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? string.Empty : " " + Exception)}";
}

/// <summary>
/// What a test silo logs at Warning and above, and the request log (Microsoft.AspNetCore.Hosting.Diagnostics at
/// Information), so a test can wait until the silo has finished a request and then see what went wrong while it ran;
/// the console keeps its own, quieter level.
/// </summary>
public sealed class SiloLog : ILoggerProvider
{
    public const string RequestCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private readonly ConcurrentQueue<SiloLogEntry> entries = new();
    private readonly Lock sync = new();
    private readonly List<(Func<SiloLogEntry, bool> Match, TaskCompletionSource Seen)> waiters = [];

    public IReadOnlyList<SiloLogEntry> Entries => [.. entries];

    /// <summary>Registers this provider with the levels above: its own rules outrank the configuration's category rules.</summary>
    public void AddTo(ILoggingBuilder logging)
    {
        logging.AddProvider(this);
        logging.AddFilter<SiloLog>(null, LogLevel.Warning);
        logging.AddFilter<SiloLog>(RequestCategory, LogLevel.Information);
    }

    /// <summary>Completes when an entry matching <paramref name="match"/> has been logged (or was already).</summary>
    public async Task<SiloLogEntry> WaitForAsync(Func<SiloLogEntry, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (sync)
        {
            waiters.Add((match, seen));
        }

        try
        {
            if (!entries.Any(match))
            {
                await seen.Task.WaitAsync(timeout);
            }

            return entries.First(match);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"The silo did not log the expected entry within {timeout.TotalSeconds} s. Logged:\n{string.Join('\n', entries)}", exception);
        }
        finally
        {
            lock (sync)
            {
                waiters.RemoveAll(w => w.Seen == seen);
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(SiloLogEntry entry)
    {
        entries.Enqueue(entry);
        lock (sync)
        {
            foreach (var (match, seen) in waiters.Where(w => w.Match(entry)))
            {
                seen.TrySetResult();
            }
        }
    }

    private sealed class Logger(SiloLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Add(new SiloLogEntry(logLevel, category, formatter(state, exception), exception));
    }
}
