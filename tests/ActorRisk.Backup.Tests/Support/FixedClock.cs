namespace ActorRisk.Backup.Tests.Support;

/// <summary>A clock that always reads <paramref name="now"/>: names a backup set predictably.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
