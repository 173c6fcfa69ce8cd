namespace ActorRisk.Portal.Tests.Support;

/// <summary>
/// A clock the test moves by hand, swapped in for the silo's TimeProvider (<see cref="PortalSilo.StartAsync(IReadOnlyDictionary{string, string}?, TimeProvider?)"/>),
/// so closed months in the past can be driven as they happened. Timers still run on real time (the base implementation).
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public DateTimeOffset Now => GetUtcNow();

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    /// <summary>Moves the clock to <paramref name="instant"/> (forward only: a silo's clock never goes back).</summary>
    public void MoveTo(DateTimeOffset instant)
    {
        if (instant < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), $"{instant:O} is before the clock's {Now:O}.");
        }

        Interlocked.Exchange(ref ticks, instant.UtcTicks);
    }
}
