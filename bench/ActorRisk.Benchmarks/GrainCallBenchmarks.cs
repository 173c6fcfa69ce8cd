using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ActorRisk.Abstractions.Cards;
using ActorRisk.Benchmarks.Grains;
using ActorRisk.Domain.Cards;
using ActorRisk.Domain.Programs;
using ActorRisk.Domain.Values;
using ActorRisk.Grains.Cards;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;

namespace ActorRisk.Benchmarks;

/// <summary>
/// The cost of an Orleans grain call over a direct call of the same work, in the same run, in four shapes:
/// <list type="bullet">
/// <item>Sync: one call of a method that completes synchronously, on a warm activation (latency; the ratio is Orleans' overhead).</item>
/// <item>Yield: 100 calls in a row (each awaited before the next) of a method that awaits Task.Yield, so every turn
/// spans an await, like a grain doing I/O. In a row, because a single such call from BenchmarkDotNet's thread
/// measures mostly how long the thread pool takes to wake a thread (several µs, very noisy).</item>
/// <item>Batch: 1,000 concurrent calls of the yielding method spread over 100 grains, awaited together (throughput; per call).</item>
/// <item>Card: the API's path. One authorization through ActorRisk's real <see cref="ICardGrain.AuthorizeAsync"/> on a
/// warm card (idempotency check, evaluation, one state write to memory storage, the in-memory hand-overs), against
/// <see cref="CardRiskEngine.Evaluate"/> called directly with the policy the grain would resolve.</item>
/// </list>
/// Each category has its own baseline (the direct call), so BenchmarkDotNet's Ratio column is grain / direct.
/// One in-process silo (loopback, memory storage) per benchmark case; it runs for the direct calls too, so both sides
/// share the same process, heap and background threads. No Ping call writes state.
/// <para>
/// Card state must not grow with the number of calls BenchmarkDotNet happens to make, or later iterations would
/// measure a different card (velocity limits hit, ever longer lists of answered ids). So the domain's clock
/// (<see cref="SteppedClock"/>) moves <see cref="CardStep"/> per authorization and the calls go round-robin over
/// <see cref="Cards"/> warm cards: each card sees one authorization about every 28 hours of domain time, like a
/// normal card, keeps about 6 answered ids (7-day retention) and its 20 recent decisions (warmed up in setup), and
/// is approved. Direct and grain sides run the same sequence.
/// </para>
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GrainCallBenchmarks
{
    public const int SequentialCalls = 100;
    public const int BatchCalls = 1_000;
    public const int BatchGrains = 100;

    /// <summary>Warm cards the card benchmarks go round-robin over.</summary>
    public const int Cards = 2_000;

    /// <summary>Merchants the cards shop at (four each, in turn).</summary>
    public const int Merchants = 50;

    /// <summary>Domain time per authorization: a card's turn comes every Cards × CardStep (27.8 hours).</summary>
    public static readonly TimeSpan CardStep = TimeSpan.FromSeconds(50);

    private static readonly PingAdd One = new(1);

    private BenchSilo? silo;

    [SuppressMessage("Performance", "CA1859", Justification = "The baseline calls through the grain interface, as a grain reference does; a call on the sealed class could be devirtualized.")]
    private IPingGrain directOne = null!;
    private IPingGrain grainOne = null!;
    private IPingGrain[] directMany = null!;
    private IPingGrain[] grainMany = null!;
    private Task<PingCount>[] batch = null!;

    private SteppedClock clock = null!;
    private CardRiskEngine engine = null!;
    private ICardPolicySource policies = null!;
    private CardRiskState[] directCards = null!;
    private ICardGrain[] grainCards = null!;
    private long authorizations;

    // Setup and cleanup block on their async work: BenchmarkDotNet 0.14's in-process emit toolchain does not await a
    // Task-returning [GlobalSetup] and would start measuring before the silo is up.
    [GlobalSetup(Targets = [nameof(SyncDirect), nameof(SyncGrain), nameof(YieldDirect), nameof(YieldGrain), nameof(BatchDirect), nameof(BatchGrain)])]
    public void SetupPing() => SetupPingAsync().GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(CardDirect))]
    public void SetupCardDirect() => SetupCardDirectAsync().GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(CardGrain))]
    public void SetupCardGrain() => SetupCardGrainAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupPingAsync()
    {
        await StartSiloAsync();
        directOne = new DirectPing();
        grainOne = silo!.GrainFactory.GetGrain<IPingGrain>("one");
        directMany = [.. Enumerable.Range(0, BatchGrains).Select(_ => (IPingGrain)new DirectPing())];
        grainMany = [.. Enumerable.Range(0, BatchGrains).Select(i => silo.GrainFactory.GetGrain<IPingGrain>($"many-{i}"))];
        batch = new Task<PingCount>[BatchCalls];

        // Warm activations: every grain is activated (state loaded) before measuring.
        await grainOne.AddAsync(new PingAdd(0));
        await Task.WhenAll(grainMany.Select(g => g.AddAsync(new PingAdd(0))));
        var activations = await ActivationsAsync(typeof(PingGrain));
        if (activations != BatchGrains + 1)
        {
            throw new InvalidOperationException($"Expected {BatchGrains + 1} ping activations, found {activations}.");
        }
    }

    private async Task SetupCardDirectAsync()
    {
        await StartCardsAsync();
        for (var i = 0; i < WarmupRounds() * Cards; i++)
        {
            _ = CardDirect();
        }
    }

    private async Task SetupCardGrainAsync()
    {
        await StartCardsAsync();
        var calls = new Task<AuthorizationDecision>[Cards];
        for (var round = 0; round < WarmupRounds(); round++)
        {
            for (var i = 0; i < Cards; i++)
            {
                calls[i] = CardGrain();
            }

            await Task.WhenAll(calls);
        }

        var activations = await ActivationsAsync(typeof(global::ActorRisk.Grains.Cards.CardGrain));
        if (activations != Cards)
        {
            throw new InvalidOperationException($"Expected {Cards} card activations, found {activations}.");
        }
    }

    private async Task CleanupAsync()
    {
        if (silo is not null)
        {
            await silo.DisposeAsync();
            silo = null;
        }
    }

    [Benchmark(Baseline = true, Description = "direct call")]
    [BenchmarkCategory("Sync")]
    public Task<PingCount> SyncDirect() => directOne.AddAsync(One);

    [Benchmark(Description = "grain call")]
    [BenchmarkCategory("Sync")]
    public Task<PingCount> SyncGrain() => grainOne.AddAsync(One);

    [Benchmark(Baseline = true, OperationsPerInvoke = SequentialCalls, Description = "100 direct calls in a row")]
    [BenchmarkCategory("Yield")]
    public Task<PingCount> YieldDirect() => RunSequence(directOne);

    [Benchmark(OperationsPerInvoke = SequentialCalls, Description = "100 grain calls in a row")]
    [BenchmarkCategory("Yield")]
    public Task<PingCount> YieldGrain() => RunSequence(grainOne);

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchCalls, Description = "1,000 direct calls")]
    [BenchmarkCategory("Batch")]
    public Task<PingCount[]> BatchDirect() => RunBatch(directMany);

    [Benchmark(OperationsPerInvoke = BatchCalls, Description = "1,000 grain calls / 100 grains")]
    [BenchmarkCategory("Batch")]
    public Task<PingCount[]> BatchGrain() => RunBatch(grainMany);

    [Benchmark(Baseline = true, Description = "CardRiskEngine.Evaluate")]
    [BenchmarkCategory("Card")]
    public CardDecision CardDirect()
    {
        var (card, authorization) = NextAuthorization();
        var evaluation = engine.Evaluate(directCards[card], authorization, policies.Resolve(authorization.MerchantId, authorization.Mcc));
        directCards[card] = evaluation.State;
        return evaluation.Decision;
    }

    [Benchmark(Description = "ICardGrain.AuthorizeAsync")]
    [BenchmarkCategory("Card")]
    public Task<AuthorizationDecision> CardGrain()
    {
        var (card, authorization) = NextAuthorization();
        return grainCards[card].AuthorizeAsync(new AuthorizationRequest(authorization, "4242", CardNetwork.Visa));
    }

    private static string Merchant(int card, long round) => $"bench-merchant-{(card + (round % 4)) % Merchants:D2}";

    private static async Task<PingCount> RunSequence(IPingGrain target)
    {
        PingCount last = new(0);
        for (var i = 0; i < SequentialCalls; i++)
        {
            last = await target.AddAfterYieldAsync(One);
        }

        return last;
    }

    private async Task StartSiloAsync()
    {
        clock = new SteppedClock(DateTimeOffset.UtcNow);
        silo = await BenchSilo.StartAsync(s => CardSilo.Configure(s, clock));
    }

    private async Task StartCardsAsync()
    {
        await StartSiloAsync();
        engine = silo!.Services.GetRequiredService<CardRiskEngine>();
        policies = silo.Services.GetRequiredService<ICardPolicySource>();
        directCards = [.. Enumerable.Repeat(CardRiskState.New, Cards)];
        grainCards = [.. Enumerable.Range(0, Cards).Select(i => silo.GrainFactory.GetGrain<ICardGrain>($"bench-card-{i:D5}"))];
    }

    /// <summary>Every card is activated and aged to its steady state (recent decisions full) before measuring.</summary>
    private int WarmupRounds() => policies.Resolve(Merchant(0, 0), null).RecentDecisionsKept;

    /// <summary>The next authorization of the sequence (a new id each, the clock one step on), and its card.</summary>
    private (int Card, CardAuthorization Authorization) NextAuthorization()
    {
        var n = authorizations++;
        var card = (int)(n % Cards);
        clock.Advance(CardStep);
        var id = "bench-" + n.ToString(CultureInfo.InvariantCulture);
        return (card, new CardAuthorization(id, Merchant(card, n / Cards), new Money(4_250, "USD"), CardPresent: true));
    }

    private Task<PingCount[]> RunBatch(IPingGrain[] targets)
    {
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = targets[i % targets.Length].AddAfterYieldAsync(One);
        }

        return Task.WhenAll(batch);
    }

    private async Task<int> ActivationsAsync(Type grainClass)
    {
        var statistics = await silo!.GrainFactory.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        // Orleans names the grain class as "Namespace.Class,Assembly".
        var name = $"{grainClass.FullName},{grainClass.Assembly.GetName().Name}";
        return statistics.Where(s => s.GrainType == name).Sum(s => s.ActivationCount);
    }
}
