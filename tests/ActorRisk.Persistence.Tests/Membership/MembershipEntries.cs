using System.Net;

namespace ActorRisk.Persistence.Tests.Membership;

/// <summary>Membership entries for tests: each one a silo incarnation of its own, at whole seconds (the table keeps microseconds).</summary>
internal static class MembershipEntries
{
    private static int generation;

    public static readonly DateTime Now = WholeSeconds(DateTime.UtcNow);

    public static SiloAddress NewSilo(int port = 11111) => SiloAddress.New(IPAddress.Loopback, port, Interlocked.Increment(ref generation));

    public static MembershipEntry New(SiloStatus status = SiloStatus.Joining, DateTime? lastAlive = null)
    {
        var silo = NewSilo();
        return new MembershipEntry
        {
            SiloAddress = silo,
            SiloName = $"silo-{silo.Generation}",
            HostName = "test-host",
            Status = status,
            ProxyPort = 30000,
            StartTime = lastAlive ?? Now,
            IAmAliveTime = lastAlive ?? Now,
        };
    }

    /// <summary>Asserts that <paramref name="actual"/> has every field of <paramref name="expected"/>.</summary>
    public static void AssertSame(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.SiloAddress, actual.SiloAddress);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.HostName, actual.HostName);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.ProxyPort, actual.ProxyPort);
        Assert.Equal(expected.RoleName, actual.RoleName);
        Assert.Equal(expected.UpdateZone, actual.UpdateZone);
        Assert.Equal(expected.FaultZone, actual.FaultZone);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(DateTimeKind.Utc, actual.StartTime.Kind);
        Assert.Equal(DateTimeKind.Utc, actual.IAmAliveTime.Kind);
        Assert.Equal(expected.SuspectTimes, actual.SuspectTimes);
    }

    private static DateTime WholeSeconds(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
