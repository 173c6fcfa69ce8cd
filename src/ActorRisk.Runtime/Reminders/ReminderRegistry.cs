using ActorRisk.Runtime.Core;
using ActorRisk.Runtime.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Runtime.Reminders;

/// <summary>
/// Registers reminders for grains and fires the due ones. A tick is a writing turn on the grain (activating
/// it if needed). The row moves to its next due time after the callback: a crash mid-callback fires it again
/// (at least once). Missed ticks are not replayed one by one: the next tick is the first period boundary after
/// now. A failed callback is retried after ReminderRetryDelay (or the period, if shorter).
/// </summary>
internal sealed class ReminderRegistry(GrainRuntime runtime)
{
    public static readonly TimeSpan MinimumPeriod = TimeSpan.FromSeconds(1);

    private IReminderTable Table => runtime.Services.GetRequiredService<IReminderTable>();

    public Task RegisterAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        if (period != Timeout.InfiniteTimeSpan && period < MinimumPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), $"A reminder period is at least {MinimumPeriod} (or infinite for a one-time reminder).");
        }

        return Table.UpsertAsync(new ReminderEntry(grainId, name, runtime.TimeProvider.GetUtcNow() + dueTime, period), runtime.Stopping);
    }

    public Task UnregisterAsync(GrainId grainId, string name) => Table.RemoveAsync(grainId, name, runtime.Stopping);

    /// <summary>Fires every due reminder once; returns how many fired.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = runtime.TimeProvider.GetUtcNow();
        var due = await Table.ReadDueAsync(now, 1_000, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = runtime.Options.ReminderConcurrency, CancellationToken = cancellationToken },
            async (entry, token) => await FireAsync(entry, token).ConfigureAwait(false)).ConfigureAwait(false);
        return due.Count;
    }

    private async Task FireAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        DateTimeOffset? next;
        var firedAt = runtime.TimeProvider.GetUtcNow();
        try
        {
            await runtime.FireReminderAsync(entry.GrainId, entry.Name, new ReminderTick(entry.NextDue, firedAt, entry.Period)).ConfigureAwait(false);
            RuntimeInstruments.ReminderTicks.Add(1, new KeyValuePair<string, object?>("grain.type", entry.GrainId.Type));
            next = NextAfter(entry, runtime.TimeProvider.GetUtcNow());
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RuntimeLog.ReminderFailed(runtime.Logger, exception, entry.Name, entry.GrainId);
            var retry = entry.Period == Timeout.InfiniteTimeSpan || entry.Period > runtime.Options.ReminderRetryDelay ? runtime.Options.ReminderRetryDelay : entry.Period;
            next = runtime.TimeProvider.GetUtcNow() + retry;
        }

        await Table.AdvanceAsync(entry, next, cancellationToken).ConfigureAwait(false);
    }

    private static DateTimeOffset? NextAfter(ReminderEntry entry, DateTimeOffset now)
    {
        if (entry.Period == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        var next = entry.NextDue + entry.Period;
        if (next <= now)
        {
            var missed = (now - entry.NextDue).Ticks / entry.Period.Ticks;
            next = entry.NextDue + TimeSpan.FromTicks(entry.Period.Ticks * (missed + 1));
        }

        return next;
    }
}
