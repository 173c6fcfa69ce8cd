namespace ActorRisk.Portal.Components.Pages;

/// <summary>Which decisions the live feed shows.</summary>
public enum FeedOutcome
{
    Any,
    Flagged,
    Approve,
    Review,
    Challenge,
    Decline,
}

/// <summary>A decision the feed holds; <see cref="Sequence"/> keys its row, so a new row is an addition to the table, never a rewrite of every row.</summary>
public sealed record FeedEntry(long Sequence, CardDecisionEvent Decision);

/// <summary>
/// The live feed page's state, apart from its rendering: the newest decisions (newest first, at most
/// <see cref="Capacity"/>), filters applied to what is shown, pause (arrivals counted, not kept) and the count of
/// decisions the live updates left out under load.
/// </summary>
public sealed class DecisionFeed(int capacity = DecisionFeed.DefaultCapacity)
{
    /// <summary>Enough rows to read back a few seconds of a burst; more would only slow the browser.</summary>
    public const int DefaultCapacity = 300;

    private readonly List<FeedEntry> rows = [];
    private long sequence;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public FeedOutcome Outcome { get; set; }

    /// <summary>Part of the merchant id (any case); empty for every merchant.</summary>
    public string? Merchant { get; set; }

    /// <summary>Part of the card token (any case); empty for every card.</summary>
    public string? CardToken { get; set; }

    public bool Paused { get; private set; }

    /// <summary>Matching decisions that arrived while paused: counted, never shown.</summary>
    public long ArrivedWhilePaused { get; private set; }

    /// <summary>What the last pause left out, said once the feed runs again (null before any resume).</summary>
    public long? LeftOutByLastPause { get; private set; }

    /// <summary>Decisions the live updates dropped before they reached this page (since it opened).</summary>
    public long Missed { get; private set; }

    /// <summary>Every decision held, newest first, whether or not the filters show it.</summary>
    public IReadOnlyList<FeedEntry> Rows => rows;

    /// <summary>The rows the filters let through, newest first.</summary>
    public IEnumerable<FeedEntry> Visible => rows.Where(r => Matches(r.Decision));

    /// <summary>Applies a batch (oldest first) as it arrives.</summary>
    public void Apply(IEnumerable<CardDecisionEvent> arrived, long missed)
    {
        ArgumentNullException.ThrowIfNull(arrived);
        Missed = Math.Max(Missed, missed);
        if (Paused)
        {
            ArrivedWhilePaused += arrived.Count(Matches);
            return;
        }

        var newest = arrived.Select(d => new FeedEntry(++sequence, d)).Reverse().ToList();
        rows.InsertRange(0, newest.Count > Capacity ? newest.Take(Capacity) : newest);
        if (rows.Count > Capacity)
        {
            rows.RemoveRange(Capacity, rows.Count - Capacity);
        }
    }

    public void Pause()
    {
        if (!Paused)
        {
            Paused = true;
            ArrivedWhilePaused = 0;
        }
    }

    /// <summary>Runs the feed again; the count of what arrived while paused stays in <see cref="LeftOutByLastPause"/>.</summary>
    public void Resume()
    {
        if (Paused)
        {
            Paused = false;
            LeftOutByLastPause = ArrivedWhilePaused;
            ArrivedWhilePaused = 0;
        }
    }

    public bool Matches(CardDecisionEvent decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var action = decision.Decision.Decision;
        var outcome = Outcome switch
        {
            FeedOutcome.Flagged => action is RiskAction.Decline or RiskAction.Challenge,
            FeedOutcome.Approve => action == RiskAction.Approve,
            FeedOutcome.Review => action == RiskAction.Review,
            FeedOutcome.Challenge => action == RiskAction.Challenge,
            FeedOutcome.Decline => action == RiskAction.Decline,
            _ => true,
        };
        return outcome && Contains(decision.MerchantId, Merchant) && Contains(decision.CardToken, CardToken);
    }

    private static bool Contains(string value, string? part) =>
        part?.Trim() is not { Length: > 0 } wanted || value.Contains(wanted, StringComparison.OrdinalIgnoreCase);
}
