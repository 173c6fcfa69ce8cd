using System.Text;
using ActorRisk.Grains.Cards;
using ActorRisk.Runtime.Streams;
using ActorRisk.Silo.Components.Pages;

namespace ActorRisk.Silo.Portal;

/// <summary>
/// Server-Sent Events for the portal's live regions (htmx sse extension): the decision feed, and "changed" events
/// for one card so its page refreshes its fragment. Each event's data is one line of HTML (or a marker).
/// </summary>
internal static class LiveEndpoints
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

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
        if (!Security.PanTokenizer.IsToken(cardToken))
        {
            return Results.NotFound();
        }

        var card = await grains.GetGrain<ICardGrain>(cardToken).GetAsync();
        var html = await fragments.RenderAsync<CardState>(new Dictionary<string, object?> { [nameof(CardState.Card)] = card });
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task FeedAsync(HttpContext http, IStreamProvider streams, FragmentRenderer fragments, string? merchantId, bool? flaggedOnly)
    {
        await using var subscription = streams.SubscribeNamespace<CardDecisionEvent>(CardStreams.Decisions, capacity: 4_096);
        await StartAsync(http);
        try
        {
            await foreach (var item in WithKeepAlive(subscription.ReadAllAsync(http.RequestAborted), http))
            {
                if (item is not { } decision || !Matches(decision.Item, merchantId, flaggedOnly == true))
                {
                    continue;
                }

                var row = await fragments.RenderAsync<FeedRow>(new Dictionary<string, object?> { [nameof(FeedRow.Decision)] = decision.Item });
                await SendAsync(http, "decision", row);
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

    private static async Task CardAsync(HttpContext http, IStreamProvider streams, string cardToken)
    {
        await using var subscription = streams.Subscribe<CardDecisionEvent>(new StreamId(CardStreams.Decisions, cardToken), capacity: 64);
        await StartAsync(http);
        try
        {
            await foreach (var item in WithKeepAlive(subscription.ReadAllAsync(http.RequestAborted), http))
            {
                if (item is not null)
                {
                    await SendAsync(http, "changed", item.Item.Decision.AuthorizationId);
                }
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

    // Comments every few seconds keep proxies from closing a quiet stream; null items mark those moments.
    private static async IAsyncEnumerable<StreamItem<T>?> WithKeepAlive<T>(IAsyncEnumerable<StreamItem<T>> items, HttpContext http)
    {
        await using var enumerator = items.GetAsyncEnumerator(http.RequestAborted);
        var next = enumerator.MoveNextAsync().AsTask();
        while (!http.RequestAborted.IsCancellationRequested)
        {
            var finished = await Task.WhenAny(next, Task.Delay(KeepAlive, http.RequestAborted)).ConfigureAwait(false);
            if (finished != next)
            {
                await http.Response.WriteAsync(": keep-alive\n\n", http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
                yield return null;
                continue;
            }

            bool moved;
            try
            {
                moved = await next;
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            if (!moved)
            {
                yield break;
            }

            yield return enumerator.Current;
            next = enumerator.MoveNextAsync().AsTask();
        }
    }
}
