
namespace ActorRisk.Portal;

/// <summary>A moment's view of this silo's decisions: rate over the last minute, counts by kind, cards blocked in the last hour.</summary>
public sealed record DecisionStats(double PerSecond, IReadOnlyDictionary<RiskAction, long> LastMinute, long CardsBlockedLastHour, long StreamItemsDropped);

/// <summary>
/// Follows the card-decisions stream and keeps per-second counts for the last hour (a ring of 3,600 slots), for
/// the overview's live figures. It counts what this silo's card grains decided; a cluster adds them up per silo.
/// </summary>
internal sealed class DecisionStatistics(LiveFeed streams, TimeProvider clock) : BackgroundService
{
    private const int Slots = 3_600;

    private readonly long[,] byAction = new long[Slots, 4];
    private readonly long[] blocked = new long[Slots];
    private readonly long[] slotSecond = new long[Slots];
    private readonly Lock sync = new();
    private LiveSubscription<CardDecisionEvent>? subscription;

    public DecisionStats Snapshot()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var lastMinute = new long[4];
        long total = 0;
        long blockedLastHour = 0;
        lock (sync)
        {
            for (var i = 0; i < Slots; i++)
            {
                var age = now - slotSecond[i];
                if (age is < 0 or >= Slots)
                {
                    continue;
                }

                blockedLastHour += blocked[i];
                if (age < 60)
                {
                    for (var a = 0; a < 4; a++)
                    {
                        lastMinute[a] += byAction[i, a];
                        total += byAction[i, a];
                    }
                }
            }
        }

        return new DecisionStats(
            total / 60.0,
            Enum.GetValues<RiskAction>().ToDictionary(a => a, a => lastMinute[(int)a]),
            blockedLastHour,
            subscription?.Dropped ?? 0);
    }

    /// <summary>
    /// Decisions per second by outcome for the last <paramref name="seconds"/> seconds, oldest first, the running
    /// second last: <c>[second, (int)RiskAction]</c>. Seconds with no decisions are zeros.
    /// </summary>
    public long[,] PerSecond(int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, Slots);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var series = new long[seconds, 4];
        lock (sync)
        {
            for (var i = 0; i < seconds; i++)
            {
                var second = now - seconds + 1 + i;
                var slot = (int)(second % Slots);
                if (slotSecond[slot] != second)
                {
                    continue;
                }

                for (var a = 0; a < 4; a++)
                {
                    series[i, a] = byAction[slot, a];
                }
            }
        }

        return series;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        subscription = streams.Subscribe<CardDecisionEvent>(CardStreams.Decisions, capacity: 65_536);
        await using (subscription)
        {
            try
            {
                await foreach (var item in subscription.ReadAllAsync(stoppingToken))
                {
                    Count(item.Item.Decision);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    private void Count(AuthorizationDecision decision)
    {
        var second = decision.DecidedAt.ToUnixTimeSeconds();
        var slot = (int)(second % Slots);
        var action = Math.Clamp((int)decision.Decision, 0, 3);

        // The decision that set the block, not the later ones refused because of it.
        var blockedNow = decision.CardBlocked && decision.Reasons.All(r => r.Code != ReasonCodes.CardBlocked);
        lock (sync)
        {
            if (slotSecond[slot] != second)
            {
                slotSecond[slot] = second;
                blocked[slot] = 0;
                for (var a = 0; a < 4; a++)
                {
                    byAction[slot, a] = 0;
                }
            }

            byAction[slot, action]++;
            blocked[slot] += blockedNow ? 1 : 0;
        }
    }
}
