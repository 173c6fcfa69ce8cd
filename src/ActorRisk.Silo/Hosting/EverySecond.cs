namespace ActorRisk.Silo.Hosting;

/// <summary>
/// A background job that hands over what card grains gathered in memory, every <see cref="Interval"/> and once more
/// as the silo stops, so the last second before a clean shutdown is not lost.
/// </summary>
internal abstract class EverySecond(TimeProvider clock) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected TimeProvider Clock { get; } = clock;

    /// <summary>True during the hand-over made while the silo stops (failures then are expected, not news).</summary>
    protected bool Stopping { get; private set; }

    /// <summary>One hand-over; what fails stays with the job for the next one.</summary>
    internal abstract Task HandOverAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await HandOverAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Best effort: the runtime may be refusing calls already, and in memory mode the data goes with the process.
        Stopping = true;
        await HandOverAsync(CancellationToken.None);
    }
}
