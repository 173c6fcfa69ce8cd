using System.Runtime.CompilerServices;
using System.Text;
using ActorRisk.Api.Security;
using ActorRisk.Portal.Components.Pages;

namespace ActorRisk.Portal.Live;

/// <summary>
/// Server-Sent Events for the portal's live regions (htmx sse extension): the decision feed, and "changed" events
/// for one card so its page refreshes its fragment. Each event's data is one line of HTML (or a marker).
/// </summary>
internal static class LiveEndpoints
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>The feed sends at most <see cref="MaxRowsPerWindow"/> rows per window: 40 a second, as many as anyone can read.</summary>
    internal static readonly TimeSpan FeedWindow = TimeSpan.FromMilliseconds(250);

    internal const int MaxRowsPerWindow = 10;

    private static readonly TimeSpan CardWindow = TimeSpan.FromMilliseconds(500);

    public static void MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/portal/live").RequireAuthorization(PortalAuth.Policies.Read).ExcludeFromDescription();
        live.MapGet("/decisions", FeedAsync);
        live.MapGet("/cards/{cardToken}", CardAsync);
        live.MapGet("/stats", StatsAsync);
        app.MapGet("/portal/fragments/cards/{cardToken}", CardFragmentAsync).RequireAuthorization(PortalAuth.Policies.Read).ExcludeFromDescription();
    }

    private static async Task<IResult> CardFragmentAsync(string cardToken, IGrainFactory grains, FragmentRenderer fragments)
    {
        if (!PanTokenizer.IsToken(cardToken))
        {
            return Results.NotFound();
        }

        var card = await grains.GetGrain<ICardGrain>(cardToken).GetAsync();
        var html = await fragments.RenderAsync<CardState>(new Dictionary<string, object?> { [nameof(CardState.Card)] = card });
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task FeedAsync(HttpContext http, LiveFeed streams, FragmentRenderer fragments, string? merchantId, bool? flaggedOnly)
    {
        await using var subscription = streams.Subscribe<CardDecisionEvent>(CardStreams.Decisions, capacity: 4_096);
        await StartAsync(http);
        try
        {
            await foreach (var batch in BatchesAsync(subscription.ReadAllAsync(http.RequestAborted), FeedWindow, http.RequestAborted))
            {
                if (batch.Count == 0)
                {
                    await KeepAliveAsync(http);
                    continue;
                }

                var matching = batch.Select(i => i.Item).Where(d => Matches(d, merchantId, flaggedOnly == true)).ToList();
                if (matching.Count == 0)
                {
                    continue;
                }

                // One event per window, newest row first (the page inserts it at the top as it is). Past the
                // row budget only the newest rows are rendered, and a gap row under them says how many were left out.
                var shown = matching.TakeLast(MaxRowsPerWindow).Reverse().ToList();
                var html = new StringBuilder();
                foreach (var decision in shown)
                {
                    html.Append(await fragments.RenderAsync<FeedRow>(new Dictionary<string, object?> { [nameof(FeedRow.Decision)] = decision }));
                }

                if (matching.Count > shown.Count)
                {
                    // Below this window's rows: the decisions left out are older than the ones shown.
                    html.Append(await fragments.RenderAsync<FeedGap>(new Dictionary<string, object?>
                    {
                        [nameof(FeedGap.Skipped)] = matching.Count - shown.Count,
                        [nameof(FeedGap.At)] = shown[^1].Decision.DecidedAt,
                    }));
                }

                await SendAsync(http, "decision", html.ToString());
            }
        }
        catch (Exception exception) when (Disconnected(exception, http))
        {
        }
    }

    private static async Task StatsAsync(HttpContext http, DecisionStatistics statistics, FragmentRenderer fragments)
    {
        await StartAsync(http);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(http.RequestAborted))
            {
                var panel = await fragments.RenderAsync<StatsPanel>(new Dictionary<string, object?> { [nameof(StatsPanel.Stats)] = statistics.Snapshot() });
                await SendAsync(http, "stats", panel);
            }
        }
        catch (Exception exception) when (Disconnected(exception, http))
        {
        }
    }

    // The browser went away (page closed or navigated): the stream simply ends.
    private static bool Disconnected(Exception exception, HttpContext http) =>
        exception is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested;

    private static async Task CardAsync(HttpContext http, LiveFeed streams, string cardToken)
    {
        await using var subscription = streams.Subscribe<CardDecisionEvent>(CardStreams.Decisions, cardToken, capacity: 64);
        await StartAsync(http);
        try
        {
            // A card under attack decides hundreds of times a second: the page refetches its state at most once a window.
            await foreach (var batch in BatchesAsync(subscription.ReadAllAsync(http.RequestAborted), CardWindow, http.RequestAborted))
            {
                if (batch.Count == 0)
                {
                    await KeepAliveAsync(http);
                    continue;
                }

                await SendAsync(http, "changed", batch[^1].Item.Decision.AuthorizationId);
            }
        }
        catch (Exception exception) when (Disconnected(exception, http))
        {
        }
    }

    private static bool Matches(CardDecisionEvent decision, string? merchantId, bool flaggedOnly) =>
        (merchantId is not { Length: > 0 } || decision.MerchantId == merchantId)
        && (!flaggedOnly || decision.Decision.Decision is RiskAction.Decline or RiskAction.Challenge);

    private static async Task StartAsync(HttpContext http)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync(": connected\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static async Task SendAsync(HttpContext http, string eventName, string data)
    {
        var message = new StringBuilder().Append("event: ").Append(eventName).Append('\n');
        foreach (var line in data.Split('\n'))
        {
            message.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        await http.Response.WriteAsync(message.Append('\n').ToString(), http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    // Comments every few seconds keep proxies from closing a quiet stream.
    private static async Task KeepAliveAsync(HttpContext http)
    {
        await http.Response.WriteAsync(": keep-alive\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    /// <summary>
    /// The items that arrive within <paramref name="window"/> of the first one, as one batch, so a busy stream
    /// costs one write per window rather than one per item; an empty batch after <see cref="KeepAlive"/> of silence.
    /// </summary>
    internal static async IAsyncEnumerable<IReadOnlyList<T>> BatchesAsync<T>(IAsyncEnumerable<T> items, TimeSpan window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A read is always pending while batches are handed out, and an async iterator cannot be disposed while a
        // MoveNextAsync is in flight (NotSupportedException): when the reader stops (the browser went away, a write
        // failed), the pending read is cancelled and awaited before the enumerator is disposed.
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var enumerator = items.GetAsyncEnumerator(reading.Token);
        Task<bool>? next = null;
        try
        {
            next = enumerator.MoveNextAsync().AsTask();
            while (!cancellationToken.IsCancellationRequested)
            {
                using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    var arrived = await Task.WhenAny(next, Task.Delay(KeepAlive, quiet.Token)).ConfigureAwait(false) == next;
                    await quiet.CancelAsync().ConfigureAwait(false); // no idle timer left behind per batch
                    if (!arrived)
                    {
                        yield return [];
                        continue;
                    }
                }

                if (!await ContinuesAsync(next).ConfigureAwait(false))
                {
                    yield break;
                }

                var batch = new List<T> { enumerator.Current };
                next = enumerator.MoveNextAsync().AsTask();
                var windowEnds = Task.Delay(window, cancellationToken);
                var ended = false;
                while (await Task.WhenAny(next, windowEnds).ConfigureAwait(false) == next)
                {
                    if (!await ContinuesAsync(next).ConfigureAwait(false))
                    {
                        ended = true;
                        break;
                    }

                    batch.Add(enumerator.Current);
                    next = enumerator.MoveNextAsync().AsTask();
                }

                yield return batch;
                if (ended)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await reading.CancelAsync().ConfigureAwait(false);
            if (next is not null)
            {
                // Its outcome no longer matters (an item read now has no one to go to); only that it has finished.
                await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<bool> ContinuesAsync(Task<bool> moved)
    {
        try
        {
            return await moved.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
