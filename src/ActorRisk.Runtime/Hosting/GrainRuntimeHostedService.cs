using ActorRisk.Runtime.Core;
using ActorRisk.Runtime.Diagnostics;
using ActorRisk.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ActorRisk.Runtime.Hosting;

/// <summary>
/// Starts the runtime's background work (idle collection, reminders) and, on shutdown, deactivates every
/// activation so grains flush their state in OnDeactivateAsync.
/// </summary>
internal sealed class GrainRuntimeHostedService(
    GrainRuntime runtime,
    GrainTypeRegistry registry,
    IServiceProvider services,
    IOptions<GrainRuntimeOptions> options,
    ILogger<GrainRuntimeHostedService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock sync = new();
    private Task? collector;
    private Task? reminders;
    private Task? requestPurge;
    private Task? stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var registration in registry.All)
        {
            foreach (var storage in registration.StorageNames)
            {
                if (services.GetKeyedService<IGrainStorage>(storage) is null)
                {
                    throw new InvalidOperationException($"Grain '{registration.TypeName}' uses storage '{storage}', which is not registered.");
                }
            }
        }

        collector = RunPeriodicallyAsync(options.Value.CollectionQuantum, _ => runtime.CollectIdleAsync(), "idle collection");
        reminders = RunPeriodicallyAsync(options.Value.ReminderPollInterval, runtime.Reminders.FireDueAsync, "reminders");
        requestPurge = RunPeriodicallyAsync(options.Value.RequestPurgeInterval, PurgeRequestsAsync, "request purge");
        return Task.CompletedTask;
    }

    /// <summary>Forgets expired request records in every storage a registered grain uses.</summary>
    internal async Task PurgeRequestsAsync(CancellationToken cancellationToken)
    {
        var cutoff = runtime.TimeProvider.GetUtcNow() - options.Value.RequestRetention;
        foreach (var name in registry.All.SelectMany(r => r.StorageNames).Distinct(StringComparer.Ordinal))
        {
            var purged = await services.GetRequiredKeyedService<IGrainStorage>(name).PurgeRequestsAsync(cutoff, cancellationToken).ConfigureAwait(false);
            RuntimeInstruments.RequestsPurged.Add(purged);
        }
    }

    /// <summary>
    /// Stops once: a second call (WebApplicationFactory stops the host while the application's own RunAsync stops
    /// and then disposes it) waits for the first stop instead of running it again on disposed state.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            return stopped ??= StopOnceAsync();
        }
    }

    public void Dispose() => stopping.Dispose();

    private async Task StopOnceAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(collector ?? Task.CompletedTask, reminders ?? Task.CompletedTask, requestPurge ?? Task.CompletedTask).ConfigureAwait(false);
        await runtime.StopAsync().ConfigureAwait(false);
    }

    private async Task RunPeriodicallyAsync(TimeSpan period, Func<CancellationToken, Task> work, string what)
    {
        using var timer = new PeriodicTimer(period, runtime.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    await work(stopping.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    RuntimeLog.BackgroundWorkFailed(logger, exception, what);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
