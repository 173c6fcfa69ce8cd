using ActorRisk.Silo.Portfolio;

namespace ActorRisk.Silo.Hosting;

/// <summary>
/// Every second, adds the cards this silo's card grains saw at new merchants to the card directory, in one
/// statement. Sightings that could not be written are tried again on the next tick; at most
/// <see cref="MaxRetained"/> wait, the oldest are dropped beyond that (logged): the directory is a search aid.
/// </summary>
internal sealed partial class CardDirectoryWriter(
    CardSightings sightings,
    ICardDirectory directory,
    TimeProvider clock,
    ILogger<CardDirectoryWriter> logger) : EverySecond(clock)
{
    private const int MaxRetained = 200_000;

    private List<CardSighting> retry = [];

    internal override async Task HandOverAsync(CancellationToken cancellationToken)
    {
        var batch = retry.Concat(sightings.Drain()).ToList();
        retry = [];
        try
        {
            await directory.AddAsync(batch, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWriteFailed(logger, batch.Count, exception);
            if (batch.Count > MaxRetained)
            {
                LogDropped(logger, batch.Count - MaxRetained);
                batch.RemoveRange(0, batch.Count - MaxRetained);
            }

            retry = batch;
        }
    }

    [LoggerMessage(410, LogLevel.Warning, "{Count} card sightings could not be added to the card directory; retrying on the next tick")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(411, LogLevel.Error, "{Count} card sightings were dropped after failing repeatedly")]
    private static partial void LogDropped(ILogger logger, int count);
}
