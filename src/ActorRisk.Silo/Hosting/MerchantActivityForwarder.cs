namespace ActorRisk.Silo.Hosting;

/// <summary>
/// Every second, hands the authorization counts card grains made on this silo to the merchant grains (one call
/// per merchant, idempotent by batch id). A batch that could not be delivered is tried again on the next tick;
/// at most <see cref="MaxRetained"/> wait, the oldest are dropped beyond that (logged).
/// </summary>
internal sealed partial class MerchantActivityForwarder(
    MerchantAuthorizationCounter counter,
    IGrainFactory grains,
    TimeProvider clock,
    ILogger<MerchantActivityForwarder> logger) : EverySecond(clock)
{
    private const int MaxRetained = 100_000;
    private const int Parallelism = 16;

    private readonly List<(string MerchantId, AuthorizationActivity Activity)> retry = [];

    internal override async Task HandOverAsync(CancellationToken cancellationToken)
    {
        var batches = retry.Concat(counter.Drain(Clock.GetUtcNow())).ToList();
        retry.Clear();
        var failed = new List<(string, AuthorizationActivity)>();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (batch, _) =>
        {
            try
            {
                await grains.GetGrain<IMerchantGrain>(batch.MerchantId).RecordAuthorizationsAsync(batch.Activity);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                lock (failed)
                {
                    failed.Add(batch);
                }

                if (!Stopping)
                {
                    LogForwardFailed(logger, batch.MerchantId, exception);
                }
            }
        });

        if (failed.Count > MaxRetained)
        {
            LogDropped(logger, failed.Count - MaxRetained);
            failed.RemoveRange(0, failed.Count - MaxRetained);
        }

        retry.AddRange(failed);
        cancellationToken.ThrowIfCancellationRequested();
    }

    [LoggerMessage(400, LogLevel.Warning, "Authorization counts for merchant {MerchantId} could not be handed over; retrying on the next tick")]
    private static partial void LogForwardFailed(ILogger logger, string merchantId, Exception exception);

    [LoggerMessage(401, LogLevel.Error, "{Count} authorization count batches were dropped after failing repeatedly")]
    private static partial void LogDropped(ILogger logger, int count);
}
