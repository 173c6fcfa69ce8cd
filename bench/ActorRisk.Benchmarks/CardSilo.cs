using ActorRisk.Persistence.Memory;
using ActorRisk.Abstractions;
using ActorRisk.Abstractions.Cards;
using ActorRisk.Abstractions.Merchants;
using ActorRisk.Grains;
using ActorRisk.Grains.Merchants;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace ActorRisk.Benchmarks;

/// <summary>
/// What ActorRisk's grains need in a memory-mode silo, as SiloComposition (memory) and SiloApplication configure it:
/// ActorRisk's memory state storage (default, merchant summaries, stream pub-sub), memory reminders, the live memory streams, the
/// grains' services (AddActorRiskGrains, which also starts the forwarder) and the host services the grains call.
/// The host's read models are replaced by sinks that keep nothing: they sit behind the forwarder's once-a-second
/// hand-over, off the authorization's path, and keeping them would only grow this process's heap.
/// </summary>
internal static class CardSilo
{
    public static void Configure(ISiloBuilder silo, TimeProvider domainClock)
    {
        // The domain's clock (card windows, decision times, idempotency retention) is the benchmark's; Orleans'
        // own clock (messaging, timers, reminders) stays the system clock, as in SiloComposition.
        silo.Services.AddSingleton(domainClock);
        silo.Services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, (_, _) => TimeProvider.System);
        silo.AddMemoryStateStorage(asDefault: true, StorageNames.Default, StorageNames.MerchantSummaries, StorageNames.PubSub);
        silo.AddMemoryStreams(CardStreams.Provider);
        silo.UseInMemoryReminderService();
        silo.Services.AddActorRiskGrains();
        silo.Services.AddSingleton<ICardDirectoryWriter, DiscardingSinks>();
        silo.Services.AddSingleton<IRequestRouteStore, DiscardingSinks>();
        silo.Services.AddSingleton<IMerchantAlertSink, DiscardingSinks>();
    }

    private sealed class DiscardingSinks : ICardDirectoryWriter, IRequestRouteStore, IMerchantAlertSink
    {
        public Task AddSightingsAsync(IReadOnlyList<CardSighting> sightings, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task AddAsync(IReadOnlyList<RequestRoute> routes, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<string?> FindOwnerAsync(string scope, string id, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public Task PublishAsync(IReadOnlyList<MerchantAlert> alerts, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}

/// <summary>
/// The domain's clock in the card benchmarks: it moves only when told, by a fixed step per authorization, so each
/// card's state stays that of a normal card however many authorizations a run makes (see GrainCallBenchmarks).
/// </summary>
internal sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan step) => Interlocked.Add(ref ticks, step.Ticks);
}
