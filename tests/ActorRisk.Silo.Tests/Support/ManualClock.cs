namespace ActorRisk.Silo.Tests.Support;

/// <summary>
/// A clock the test moves by hand, swapped in for the silo's TimeProvider, so windows and blocks of hours are
/// checked at exact instants without waiting. Timers still run on real time (the base implementation).
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private long ticks = start.UtcTicks;

    public ManualClock()
        : this(DefaultStart)
    {
    }

    public DateTimeOffset Now => GetUtcNow();

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
