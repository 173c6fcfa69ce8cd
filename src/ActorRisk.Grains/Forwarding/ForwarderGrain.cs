using ActorRisk.Grains.Diagnostics;
using ActorRisk.Grains.Idempotency;
using Orleans.Streams;

namespace ActorRisk.Grains.Forwarding;

/// <summary>
/// Hands over, on grain timers, what this silo's card grains keep in memory so an authorization never waits for it:
/// every second the authorization counts to the merchant grains (one idempotent call per merchant), the new card
/// sightings to the card directory and the request routes to their store (a statement each); four times a second the decisions to the live stream. What fails
/// is kept for the next tick, up to a bound (the oldest are dropped beyond it, logged); a last hand-over runs as the
/// silo stops. A silo crash loses at most the last second: these feed a monitoring metric, a card-testing signal, a
/// search aid and a live view, not a balance.
/// </summary>
// Orleans removes stateless workers it judges idle whatever their timers; the forwarder must live as long as its silo.
[StatelessWorker(1, removeIdleWorkers: false)]
[GrainType("forwarder")]
public sealed partial class ForwarderGrain(
    MerchantAuthorizationCounter counter,
    CardSightings sightings,
    RequestRoutes routes,
    ICardDirectoryWriter directory,
    IRequestRouteStore routeStore,
    DecisionFeed feed,
    GrainMetrics metrics,
    TimeProvider clock,
    ILogger<ForwarderGrain> logger) : Grain, IForwarderGrain
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan FeedInterval = TimeSpan.FromMilliseconds(250);

    private const int MaxRetainedActivity = 100_000;
    private const int MaxRetainedSightings = 200_000;
    private const int MaxRetainedRoutes = 1_000_000;
    private const int Parallelism = 16;
    private const int MaxDecisionsPerItem = 500;

    private List<(string MerchantId, AuthorizationActivity Activity)> activityRetry = [];
    private List<CardSighting> sightingRetry = [];
    private List<RequestRoute> routeRetry = [];
    private IAsyncStream<CardDecisionBatch>? decisions;
    private bool stopping;

    public Task StartAsync() => Task.CompletedTask;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        decisions = this.GetStreamProvider(CardStreams.Provider).GetStream<CardDecisionBatch>(StreamId.Create(CardStreams.Decisions, CardStreams.AllCards));
        var every = new GrainTimerCreationOptions(Interval, Interval) { KeepAlive = true, Interleave = false };
        this.RegisterGrainTimer(ForwardActivityAsync, every);
        this.RegisterGrainTimer(AddSightingsAsync, every);
        this.RegisterGrainTimer(AddRoutesAsync, every);
        // The live feed never waits behind a slow hand-over to merchants: its tick touches only the thread-safe feed
        // buffer and the stream, so it may interleave with the other timers' turns.
        this.RegisterGrainTimer(PublishDecisionsAsync, new GrainTimerCreationOptions(FeedInterval, FeedInterval) { KeepAlive = true, Interleave = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Best effort: the cluster may be refusing calls already, and in memory mode the data goes with the process.
        stopping = true;
        await ForwardActivityAsync(cancellationToken);
        await AddSightingsAsync(cancellationToken);
        await AddRoutesAsync(cancellationToken);
        await PublishDecisionsAsync(cancellationToken);
    }

    private async Task ForwardActivityAsync(CancellationToken cancellationToken)
    {
        var batches = activityRetry.Concat(counter.Drain(clock.GetUtcNow())).ToList();
        activityRetry = [];
        var failed = new List<(string, AuthorizationActivity)>();
        // The current scheduler keeps the calls in this activation's turn, as grain code expects.
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, TaskScheduler = TaskScheduler.Current }, async (batch, _) =>
        {
            try
            {
                await GrainFactory.Grain<IMerchantGrain>(batch.MerchantId).RecordAuthorizationsAsync(batch.Activity);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                lock (failed)
                {
                    failed.Add(batch);
                }

                if (!stopping)
                {
                    LogForwardFailed(logger, batch.MerchantId, exception);
                }
            }
        });

        metrics.HandedOver(HandOverNames.AuthorizationCounts, HandOverNames.HandedOver, batches.Count - failed.Count);
        activityRetry = Bounded(failed, MaxRetainedActivity, "authorization count batches", HandOverNames.AuthorizationCounts);
    }

    private async Task AddSightingsAsync(CancellationToken cancellationToken)
    {
        var batch = sightingRetry.Concat(sightings.Drain()).ToList();
        sightingRetry = [];
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await directory.AddSightingsAsync(batch, cancellationToken);
            metrics.HandedOver(HandOverNames.CardSightings, HandOverNames.HandedOver, batch.Count);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogDirectoryFailed(logger, batch.Count, "card sightings", exception);
            sightingRetry = Bounded(batch, MaxRetainedSightings, "card sightings", HandOverNames.CardSightings);
        }
    }

    private async Task AddRoutesAsync(CancellationToken cancellationToken)
    {
        var batch = routeRetry.Concat(routes.Drain()).ToList();
        routeRetry = [];
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await routeStore.AddAsync(batch, cancellationToken);
            metrics.HandedOver(HandOverNames.RequestRoutes, HandOverNames.HandedOver, batch.Count);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogDirectoryFailed(logger, batch.Count, "request routes", exception);
            routeRetry = Bounded(batch, MaxRetainedRoutes, "request routes", HandOverNames.RequestRoutes);
        }
    }

    private async Task PublishDecisionsAsync(CancellationToken cancellationToken)
    {
        var (taken, dropped) = feed.Drain();
        if (taken.IsEmpty && dropped == 0)
        {
            return;
        }

        // Counted here, once per drain, rather than in the feed's Add: the authorization path pays nothing for it.
        metrics.FeedLeftOut(dropped);

        var published = 0;
        try
        {
            // Stream items stay well under the memory stream cache's block size (about 1 MB): a busy silo's interval is
            // several items, each carrying the count of dropped decisions once at most.
            for (var start = 0; start < Math.Max(taken.Length, 1); start += MaxDecisionsPerItem)
            {
                var slice = taken.Length <= MaxDecisionsPerItem ? taken : taken.Slice(start, Math.Min(MaxDecisionsPerItem, taken.Length - start));
                await decisions!.OnNextAsync(new CardDecisionBatch(slice, start == 0 ? dropped : 0));
                metrics.HandedOver(HandOverNames.Decisions, HandOverNames.HandedOver, slice.Length);
                published += slice.Length;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !stopping)
        {
            // The live view skips this interval; the decisions themselves are stored with their cards.
            LogFeedFailed(logger, taken.Length, exception);
            metrics.HandedOver(HandOverNames.Decisions, HandOverNames.Dropped, taken.Length - published);
        }
    }

    private List<T> Bounded<T>(List<T> failed, int max, string what, string kind)
    {
        if (failed.Count > max)
        {
            LogDropped(logger, failed.Count - max, what);
            metrics.HandedOver(kind, HandOverNames.Dropped, failed.Count - max);
            failed.RemoveRange(0, failed.Count - max);
        }

        metrics.HandedOver(kind, HandOverNames.WillRetry, failed.Count);
        return failed;
    }

    [LoggerMessage(400, LogLevel.Warning, "Authorization counts for merchant {MerchantId} could not be handed over; retrying on the next tick")]
    private static partial void LogForwardFailed(ILogger logger, string merchantId, Exception exception);

    [LoggerMessage(401, LogLevel.Error, "{Count} {What} were dropped after failing repeatedly")]
    private static partial void LogDropped(ILogger logger, int count, string what);

    [LoggerMessage(410, LogLevel.Warning, "{Count} {What} could not be stored; retrying on the next tick")]
    private static partial void LogDirectoryFailed(ILogger logger, int count, string what, Exception exception);

    [LoggerMessage(420, LogLevel.Warning, "{Count} decisions could not be published to the live feed")]
    private static partial void LogFeedFailed(ILogger logger, int count, Exception exception);
}
