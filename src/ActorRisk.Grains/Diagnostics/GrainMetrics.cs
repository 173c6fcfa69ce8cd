using System.Diagnostics.Metrics;

namespace ActorRisk.Grains.Diagnostics;

/// <summary>
/// The grains' instruments (meter "ActorRisk.Grains"), made from the host's <see cref="IMeterFactory"/> so each host,
/// and each test silo, has its own. Tags are small closed sets (decisions, reason codes, kinds, outcomes): never a card
/// token, card number or merchant id, which would make a time series per card.
/// </summary>
public sealed class GrainMetrics
{
    public const string MeterName = "ActorRisk.Grains";

    public const string AuthorizationsName = "actorrisk.authorizations";
    public const string ReplayedName = "actorrisk.authorizations.replayed";
    public const string CardsBlockedName = "actorrisk.cards.blocked";
    public const string MerchantAlertsName = "actorrisk.merchant.alerts";
    public const string HistoryMonthsName = "actorrisk.merchant.history.months";
    public const string HandOversName = "actorrisk.forwarder.handovers";
    public const string FeedLeftOutName = "actorrisk.feed.decisions.left_out";

    public const string DecisionTag = "decision";
    public const string ReasonTag = "reason";
    public const string RuleTag = "rule";
    public const string KindTag = "kind";
    public const string ProgramTag = "program";
    public const string StatusTag = "status";
    public const string OutcomeTag = "outcome";

    private readonly Counter<long> authorizations;
    private readonly Counter<long> replayed;
    private readonly Counter<long> cardsBlocked;
    private readonly Counter<long> merchantAlerts;
    private readonly Counter<long> historyMonths;
    private readonly Counter<long> handOvers;
    private readonly Counter<long> feedLeftOut;

    public GrainMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        authorizations = meter.CreateCounter<long>(AuthorizationsName, "{authorization}", "Authorizations decided by card grains, by decision and most severe reason code");
        replayed = meter.CreateCounter<long>(ReplayedName, "{authorization}", "Authorization retries answered with the decision already made");
        cardsBlocked = meter.CreateCounter<long>(CardsBlockedName, "{card}", "Cards newly blocked, by the rule that blocked them");
        merchantAlerts = meter.CreateCounter<long>(MerchantAlertsName, "{alert}", "Merchant alerts raised, by kind and monitoring program");
        historyMonths = meter.CreateCounter<long>(HistoryMonthsName, "{month}", "Merchant history rows (a month on one network) imported, by status");
        handOvers = meter.CreateCounter<long>(HandOversName, "{item}", "Items the silo's forwarder handed over, by kind and outcome");
        feedLeftOut = meter.CreateCounter<long>(FeedLeftOutName, "{decision}", "Decisions left out of the live feed because its buffer was full");
    }

    /// <summary>On the authorization path: two tags from closed sets, no allocation.</summary>
    public void Authorized(RiskAction decision, string reasonCode) =>
        authorizations.Add(1, new KeyValuePair<string, object?>(DecisionTag, Name(decision)), new KeyValuePair<string, object?>(ReasonTag, reasonCode));

    public void Replayed(RiskAction decision) =>
        replayed.Add(1, new KeyValuePair<string, object?>(DecisionTag, Name(decision)));

    public void CardBlocked(string ruleCode) =>
        cardsBlocked.Add(1, new KeyValuePair<string, object?>(RuleTag, ruleCode));

    public void AlertRaised(MerchantAlertKind kind, MonitoringProgram? program) =>
        merchantAlerts.Add(1, new KeyValuePair<string, object?>(KindTag, Name(kind)), new KeyValuePair<string, object?>(ProgramTag, program?.ToString() ?? "none"));

    public void HistoryRows(HistoryRowStatus status, int count)
    {
        if (count > 0)
        {
            historyMonths.Add(count, new KeyValuePair<string, object?>(StatusTag, Name(status)));
        }
    }

    public void HandedOver(string kind, string outcome, long count)
    {
        if (count > 0)
        {
            handOvers.Add(count, new KeyValuePair<string, object?>(KindTag, kind), new KeyValuePair<string, object?>(OutcomeTag, outcome));
        }
    }

    public void FeedLeftOut(long count)
    {
        if (count > 0)
        {
            feedLeftOut.Add(count);
        }
    }

    /// <summary>The decision as the API's JSON names it (camel case of <see cref="RiskAction"/>).</summary>
    public static string Name(RiskAction action) => action switch
    {
        RiskAction.Approve => "approve",
        RiskAction.Review => "review",
        RiskAction.Challenge => "challenge",
        RiskAction.Decline => "decline",
        _ => "other",
    };

    public static string Name(MerchantAlertKind kind) => kind switch
    {
        MerchantAlertKind.Approaching => "approaching",
        MerchantAlertKind.ProjectedOver => "projected_over",
        MerchantAlertKind.OverThreshold => "over_threshold",
        MerchantAlertKind.ProgramEntered => "program_entered",
        MerchantAlertKind.ProgramResumed => "program_resumed",
        MerchantAlertKind.ProgramExited => "program_exited",
        MerchantAlertKind.CardTesting => "card_testing",
        _ => "other",
    };

    public static string Name(HistoryRowStatus status) => status switch
    {
        HistoryRowStatus.Imported => "imported",
        HistoryRowStatus.Unchanged => "unchanged",
        HistoryRowStatus.Replaced => "replaced",
        HistoryRowStatus.Refused => "refused",
        _ => "other",
    };
}
