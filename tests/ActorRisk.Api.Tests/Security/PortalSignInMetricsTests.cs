using System.Diagnostics.Metrics;
using ActorRisk.Api.Diagnostics;
using ActorRisk.Api.Security;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ActorRisk.Api.Tests.Security;

/// <summary>
/// Portal sign-ins refused are counted by reason, and a lockout once when it starts: the wrong password that locks the
/// user name is a wrong password, the attempts while it is locked are "locked_out". Never the user name as a tag.
/// </summary>
public sealed class PortalSignInMetricsTests
{
    [Fact]
    public void WrongPasswordsThenTheLockoutAreCountedByReason()
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton<ApiMetrics>().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var failed = new MetricCollector<long>(meters, ApiMetrics.MeterName, ApiMetrics.SignInFailedName);
        using var lockouts = new MetricCollector<long>(meters, ApiMetrics.MeterName, ApiMetrics.LockoutsName);
        var users = new PortalUsers([new PortalUserOptions { UserName = "ana", Password = "right-password", Roles = [PortalRoleNames.All.First()] }], TimeProvider.System, services.GetRequiredService<ApiMetrics>());

        Assert.Equal(SignInResult.Succeeded, users.SignIn("ana", "right-password").Result);
        var results = Enumerable.Range(0, PortalUsers.MaxFailures + 1).Select(_ => users.SignIn("ana", "guess").Result).ToList();
        Assert.Equal(SignInResult.LockedOut, users.SignIn("ana", "right-password").Result);
        users.SignIn("nobody", "guess");

        Assert.Equal(SignInResult.LockedOut, results[PortalUsers.MaxFailures - 1]);
        string[] expected =
        [
            .. Enumerable.Repeat(MetricNames.WrongCredentials, PortalUsers.MaxFailures),
            MetricNames.LockedOut,
            MetricNames.LockedOut,
            MetricNames.WrongCredentials,
        ];
        Assert.Equal(expected, failed.GetMeasurementSnapshot().Select(m => (string)m.Tags[ApiMetrics.ReasonTag]!));
        Assert.Equal(1, Assert.Single(lockouts.GetMeasurementSnapshot()).Value);
    }
}
