namespace ActorRisk.Grains.Tests.Support;

/// <summary>
/// The product's clock (the silo's TimeProvider), moved by hand so a retention runs out without waiting. Orleans keeps
/// the system clock (SiloComposition gives it a keyed one), so timers and the forwarder's ticks still run in real time.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
