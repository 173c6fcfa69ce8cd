namespace ActorRisk.Portal.Live;

/// <summary>
/// Feeds a live topic into an interactive component, throttled for a browser: items are collected as they arrive
/// and handed to the component in one batch at most once per interval, on the component's own dispatcher (through
/// its InvokeAsync), where it applies them and renders. A burst of thousands of decisions is a few renders a second,
/// never one per item; a batch holds at most <c>maxBatch</c> items (the newest), the rest counted as skipped.
/// Dispose it with the component (the circuit's end disposes components): the subscription ends with it.
/// </summary>
public sealed class LiveUpdates<T> : IAsyncDisposable
{
    private readonly LiveSample<T> sample;
    private readonly CancellationTokenSource stop = new();
    private readonly Task delivering;

    internal LiveUpdates(LiveFeed feed, string topic, string? key, Func<Action, Task> invoke, Action<LiveBatch<T>> apply, TimeSpan interval, int maxBatch, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);

        // The page takes the newest maxBatch on its tick; nothing runs per item in between.
        sample = feed.Sample<T>(topic, key, maxBatch);
        delivering = DeliverAsync(invoke, apply, interval, clock, stop.Token);
    }

    private async Task DeliverAsync(Func<Action, Task> invoke, Action<LiveBatch<T>> apply, TimeSpan interval, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var (items, dropped) = sample.Take();
                if (items.Count == 0)
                {
                    continue;
                }

                var batch = new LiveBatch<T>(items, dropped);
                await invoke(() => apply(batch)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between two ticks: nothing is left to render to.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        sample.Dispose();
        await delivering.ConfigureAwait(false);
        stop.Dispose();
    }
}

/// <summary>What arrived since the last batch, oldest first, and how many items were left out on the way (all time, for the feed's "missed" note).</summary>
public sealed record LiveBatch<T>(IReadOnlyList<LiveItem<T>> Items, long Missed);

/// <summary>Starts <see cref="LiveUpdates{T}"/> for a component.</summary>
public static class LiveUpdates
{
    /// <summary>Renders per second at most, by default: enough to look live, few enough for a browser under a burst.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    /// <param name="invoke">The component's InvokeAsync: the batch is applied on its dispatcher.</param>
    /// <param name="apply">Applies a batch to the component's state and calls StateHasChanged.</param>
    public static LiveUpdates<T> Start<T>(this LiveFeed feed, string topic, string? key, Func<Action, Task> invoke, Action<LiveBatch<T>> apply, TimeSpan? interval = null, int maxBatch = 200, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(feed);
        return new LiveUpdates<T>(feed, topic, key, invoke, apply, interval ?? DefaultInterval, maxBatch, clock ?? TimeProvider.System);
    }
}
