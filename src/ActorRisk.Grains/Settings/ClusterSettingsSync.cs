using ActorRisk.Grains.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ActorRisk.Grains.Settings;

/// <summary>
/// Keeps this process's copies of the cluster-wide settings current: the policy book, merchant suspensions and
/// card-testing lockdowns (<see cref="CardPolicyStore"/>), and the portal users and API keys managed in the portal
/// (<see cref="IAccessDirectory"/>). Their grains live on one silo; every other silo asks them each
/// <see cref="ClusterSettingsOptions.SettingsRefresh"/> for a revision newer than the one it applied, so a change made
/// through any silo applies everywhere within about a second, and a silo that missed changes while it was cut off
/// catches up on its next question. At start it waits for the first answer, so a silo never serves with the
/// configured defaults in place of what administrators stored.
/// </summary>
public sealed partial class ClusterSettingsSync(
    IGrainFactory grains,
    CardPolicyStore policies,
    IServiceProvider services,
    IOptions<ClusterSettingsOptions> options,
    ILogger<ClusterSettingsSync> logger) : BackgroundService
{
    private readonly IAccessDirectory? access = services.GetService<IAccessDirectory>();
    private bool failing;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SettingsRefresh <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{ClusterSettingsOptions.Section}:SettingsRefresh must be a positive time, such as 00:00:01; it is {options.Value.SettingsRefresh}.");
        }

        await RefreshAsync();
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Applies the newer revisions of the policy and access grains, if any; returns whether anything changed.</summary>
    public async Task<bool> RefreshAsync()
    {
        var policy = await grains.GetGrain<IPolicyGrain>(IPolicyGrain.SingletonKey).GetIfNewerAsync(policies.Revision);
        var changed = policy is not null && policies.Apply(policy);
        if (access is not null && await grains.GetGrain<IAccessGrain>(IAccessGrain.SingletonKey).GetIfNewerAsync(access.Revision) is { } users)
        {
            changed |= access.Apply(users);
        }

        return changed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The system clock, not the domain's: a test's hand-set clock must not stop the cluster from syncing.
        using var timer = new PeriodicTimer(options.Value.SettingsRefresh);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync();
                if (failing)
                {
                    failing = false;
                    LogRecovered(logger);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A grain moving between silos, or a silo leaving, fails a call or two; the next tick asks again.
                if (!failing)
                {
                    failing = true;
                    LogFailing(logger, exception);
                }
            }
        }
    }

    [LoggerMessage(300, LogLevel.Warning, "Cluster settings (policies, suspensions, lockdowns, portal users, API keys) could not be refreshed; this process keeps the ones it has and asks again every tick")]
    private static partial void LogFailing(ILogger logger, Exception exception);

    [LoggerMessage(301, LogLevel.Information, "Cluster settings are refreshed again")]
    private static partial void LogRecovered(ILogger logger);
}
