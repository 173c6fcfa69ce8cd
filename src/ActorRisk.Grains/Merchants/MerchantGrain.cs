using System.Security.Cryptography;
using System.Text.Json;
using ActorRisk.Abstractions.Serialization;
using ActorRisk.Grains.Diagnostics;
using ActorRisk.Grains.Idempotency;
using Microsoft.Extensions.Options;

namespace ActorRisk.Grains.Merchants;

/// <summary>
/// One merchant. Each record is counted in its UTC month through the domain's <see cref="MerchantMonthLedger"/>
/// and its id is kept in the merchant's own state by the same write, so a retried id counts once. Months close
/// in order, by a durable reminder (month end plus the grace period) or on demand; closing evaluates the
/// programs with the domain's <see cref="MerchantMonthEvaluator"/> and moves the month into the history.
/// </summary>
[GrainType("merchant")]
public sealed class MerchantGrain(
    [PersistentState("merchant")] IPersistentState<MerchantGrainState> state,
    [PersistentState("merchant-history")] IPersistentState<MerchantHistoryState> history,
    [PersistentState(MerchantSummary.StateName, StorageNames.MerchantSummaries)] IPersistentState<MerchantSummary> summary,
    MerchantMonthEvaluator evaluator,
    MerchantSettings settings,
    Cards.CardPolicyStore policies,
    IMerchantAlertSink alerts,
    IOptions<IdempotencyOptions> idempotency,
    RequestRoutes routes,
    GrainMetrics metrics,
    ILogger<MerchantGrain> logger,
    TimeProvider clock) : Grain, IMerchantGrain, IRemindable
{
    public const string MonthCloseReminder = "month-close";

    /// <summary>The scope of authorization activity batches (one per silo drain and merchant).</summary>
    public const string ActivityScope = "authorization-activity";

    /// <summary>
    /// How long an activity batch id is kept. A batch is retried only by the forwarder that made it, on its next
    /// ticks, and dies with its silo; a merchant busy every second keeps a few hundred ids, not a week of them.
    /// </summary>
    public static readonly TimeSpan ActivityBatchRetention = TimeSpan.FromMinutes(10);

    private string Key => this.GetPrimaryKeyString();

    // The reminder's period, after its due time: Orleans skips the ticks it missed while no silo was up and fires at the
    // next period boundary, so this bounds how late a close runs after an outage, and a failed close is tried again
    // after it. Normally the close moves the reminder to the next month's close, so it fires once a month.
    private static readonly TimeSpan ReminderRetry = TimeSpan.FromMinutes(10);

    // A reminder table may store the due time a little coarser than it was given (PostgreSQL keeps microseconds): a
    // tick a hair before the close time would find nothing due and wait a whole retry period.
    private static readonly TimeSpan CloseTickMargin = TimeSpan.FromSeconds(1);

    /// <summary>How much a running lockdown must lengthen before the cluster is told again.</summary>
    private static readonly TimeSpan LockdownAnnouncement = TimeSpan.FromMinutes(1);

    private MerchantProfile Profile => state.State.Profile ?? new MerchantProfile(Key);

    private YearMonth? LastClosed => history.State.Programs.LastClosedMonth;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A close interrupted between its two writes left a closed month open here; the history has it already.
        if (LastClosed is { } last && state.State.OpenMonths.Any(m => m.Month <= last))
        {
            await WriteAsync(state.State with { OpenMonths = [.. state.State.OpenMonths.Where(m => m.Month > last)] });
        }

        if (!state.State.OpenMonths.IsEmpty)
        {
            await ScheduleCloseAsync();
        }

        if (state.State.CardTesting.LockdownUntil is { } until && until > clock.GetUtcNow())
        {
            await LockDownAsync(until, announce: true);
        }

        // Catches up a summary (and its alerts) that a crash left one change behind, and hands over pending alerts.
        if (state.RecordExists || history.RecordExists)
        {
            await RefreshSummaryAsync();
        }
    }

    public async Task<IngestionReceipt> RecordAsync(MerchantEvent record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var outcome = (await RecordBatchAsync([record]))[0];
        return outcome.Receipt ?? throw outcome.Problem!.ToException(record);
    }

    public async Task<ImmutableArray<RecordOutcome>> RecordBatchAsync(ImmutableArray<MerchantEvent> records)
    {
        var now = clock.GetUtcNow();
        var forgetBefore = now - idempotency.Value.Retention;
        var earliestOpen = state.State.OpenMonths.IsEmpty ? (YearMonth?)null : state.State.OpenMonths[0].Month;
        var current = state.State;
        var outcomes = ImmutableArray.CreateBuilder<RecordOutcome>(records.Length);
        var accepted = new List<MerchantEvent>();

        // The warning levels each record reaches, as if the records had come one by one: a file that takes the month
        // through "approaching" to "over" raises both alerts, not only the last.
        var standing = summary.RecordExists ? summary.State : null;
        var raised = new List<MerchantAlert>();
        foreach (var record in records)
        {
            var outcome = Apply(ref current, record, now, forgetBefore);
            outcomes.Add(outcome);
            if (outcome.Receipt is { Replayed: false } receipt)
            {
                accepted.Add(record);
                if (!receipt.Late && records.Length > 1)
                {
                    var next = MerchantSummary.Of(Snapshot(current), evaluator.Rulebook);
                    raised.AddRange(MerchantAlerts.OfWarnings(standing, next, now));
                    standing = next;
                }
            }
        }

        if (accepted.Count == 0)
        {
            return outcomes.MoveToImmutable();
        }

        await WriteAsync(current);
        foreach (var record in accepted)
        {
            routes.Record(new RequestRoute(record.Scope, record.Id, Key, now));
        }

        var counted = outcomes.Where(o => o.Receipt is { Replayed: false, Late: false }).Select(o => o.Receipt!.Month).ToList();
        if (counted.Count > 0)
        {
            await RefreshSummaryAsync(raised);

            // A record for an earlier month than any open one (inside its grace) moves the close reminder forward.
            if (earliestOpen is null || counted.Min() < earliestOpen)
            {
                await ScheduleCloseAsync();
            }
        }

        return outcomes.MoveToImmutable();
    }

    // One record against the state so far (a batch's earlier records included): counted, replayed, or refused.
    private RecordOutcome Apply(ref MerchantGrainState current, MerchantEvent record, DateTimeOffset now, DateTimeOffset forgetBefore)
    {
        var month = record.Month;
        if (month < settings.EarliestMonth)
        {
            return RecordOutcome.Rejected("date", $"Records dated before {settings.EarliestMonth} are not accepted (the program rulebook starts there).");
        }

        if (!settings.Rates.CanConvert(record.Amount.Currency))
        {
            return RecordOutcome.Rejected("currency", $"No USD rate is configured for {record.Amount.Currency}; add one under ActorRisk:ExchangeRates.");
        }

        var fingerprint = Fingerprint(record);
        if (AnsweredRequests.Find(current.Answered, record.Scope, record.Id, forgetBefore) is { } answered)
        {
            return answered.Fingerprint == fingerprint ? RecordOutcome.Of(answered.Answer with { Replayed = true }) : RecordOutcome.Conflict();
        }

        // A month closes at its end plus the grace period, whether or not its reminder has run yet (or earlier, on
        // demand): a record for it after that is late, so the outcome never depends on when a reminder fired.
        var late = (LastClosed is { } last && month <= last) || now >= settings.ClosesAt(month);
        IngestionReceipt receipt;
        MerchantGrainState counted;
        try
        {
            receipt = new IngestionReceipt(record.Kind, record.Id, Key, month, late, settings.Rates.ToUsd(record.Amount), now);
            counted = late ? CountLate(current, record) : Count(current, record);
        }
        catch (OverflowException exception)
        {
            var field = exception is LedgerOverflowException ledger ? ledger.Field : "amount";
            return RecordOutcome.Rejected(field, $"Counting this record would take {month}'s {field} total past the largest value it can hold; nothing was recorded.");
        }

        var entry = new AnsweredRequest<IngestionReceipt>(record.Scope, record.Id, fingerprint, now, receipt);
        current = counted with { Answered = AnsweredRequests.Add(counted.Answered, entry, idempotency.Value.Retention) };
        return RecordOutcome.Of(receipt);
    }

    public async Task<MonthCloseResult> CloseMonthAsync(YearMonth month)
    {
        var closed = await CloseThroughAsync(month);
        return new MonthCloseResult(Key, month, closed, AlreadyClosed: closed.IsEmpty && LastClosed is { } last && last >= month);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != MonthCloseReminder)
        {
            return;
        }

        // Every month whose close time has passed: the reminder may run late (silo down), so it catches up.
        var now = clock.GetUtcNow();
        var closed = await CloseThroughAsync(DueMonth(now));
        // Once a month per merchant: the operators' record that each close ran once, wherever the reminder fired.
        MerchantLog.MonthCloseReminder(logger, Key, closed.IsEmpty ? "nothing" : string.Join(", ", closed), status.CurrentTickTime);
    }

    public async Task RecordAuthorizationsAsync(AuthorizationActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (AnsweredRequests.Find(state.State.ActivityBatches, ActivityScope, activity.BatchId, clock.GetUtcNow() - ActivityBatchRetention) is not null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var month = YearMonth.Of(activity.At);
        var current = state.State;
        if (!((LastClosed is { } last && month <= last) || now >= settings.ClosesAt(month)))
        {
            foreach (var counts in activity.Networks.Where(n => n.Network is not null))
            {
                current = WithLedger(current, month, ledger => ledger.AddAuthorizations(counts.Network!.Value, counts.Authorizations, counts.Enumerated));
            }
        }

        var lockedUntil = current.CardTesting.LockdownUntil;
        var watch = current.CardTesting.Add(activity.At, activity.SmallAuthorizationCards, settings.CardTestingWindow);
        var raised = new List<MerchantAlert>();
        var distinct = watch.DistinctCards;
        if (distinct >= settings.CardTestingDistinctCards)
        {
            if (watch.LockdownUntil is not { } until || until <= now)
            {
                var window = (activity.At.ToUnixTimeSeconds() / 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
                raised.Add(new MerchantAlert(
                    MerchantAlerts.IdOf(Key, MerchantAlertKind.CardTesting, null, month, window),
                    Key,
                    MerchantAlertKind.CardTesting,
                    null,
                    month,
                    now,
                    $"Card testing: {distinct} distinct cards made small authorizations within {settings.CardTestingWindow.TotalMinutes:0} min; small authorizations are capped for {settings.CardTestingLockdown.TotalHours:0} h."));
            }

            watch = watch with { LockdownUntil = now + settings.CardTestingLockdown };
        }

        var batch = new AnsweredRequest<bool>(ActivityScope, activity.BatchId, string.Empty, now, true);
        await WriteAsync(current with { CardTesting = watch, ActivityBatches = AnsweredRequests.Add(current.ActivityBatches, batch, ActivityBatchRetention) });

        if (watch.LockdownUntil is { } lockdown && lockdown != lockedUntil)
        {
            // The lockdown moves forward with every batch while the attack lasts; the cluster hears of it when it starts
            // and then at most once a minute, not once a second.
            await LockDownAsync(lockdown, announce: lockedUntil is not { } before || before <= now || lockdown - before >= LockdownAnnouncement);
        }

        await RefreshSummaryAsync(raised);
    }

    public Task<MerchantSnapshot> GetAsync() => Task.FromResult(Snapshot());

    // This silo's card grains cap the merchant at once; the policy grain records it for every other silo's card grains.
    private async Task LockDownAsync(DateTimeOffset until, bool announce)
    {
        policies.SetLockdown(Key, until);
        if (!announce)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IPolicyGrain>(IPolicyGrain.SingletonKey).LockDownMerchantAsync(Key, until);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The merchant's own state has the lockdown; the next batch or activation tells the cluster again.
            MerchantLog.LockdownNotAnnounced(logger, Key, exception);
        }
    }

    public async Task<MerchantSnapshot> SetProfileAsync(MerchantProfileUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        await WriteAsync(state.State with { Profile = new MerchantProfile(Key, update.Mcc, update.HighBrandRisk, update.RegulatedMarket) });
        await RefreshSummaryAsync();
        return Snapshot();
    }

    private async Task<ImmutableArray<YearMonth>> CloseThroughAsync(YearMonth through)
    {
        var open = state.State.OpenMonths;
        var first = LastClosed?.Next() ?? (open.IsEmpty ? (YearMonth?)null : open[0].Month);
        if (first is not { } from || from > through)
        {
            return [];
        }

        // Months close in order, empty ones included, so the program timelines see every month.
        var programs = history.State.Programs;
        var months = history.State.Months;
        // Closing from the month after the last closed one, the previous month's totals (Mastercard's denominator)
        // are always the newest history entry.
        var previous = months.IsEmpty ? null : months[^1].Totals;
        var closedAt = clock.GetUtcNow();
        var totals = new List<MerchantMonthTotals>();
        for (var month = from; month <= through; month = month.Next())
        {
            totals.Add(open.FirstOrDefault(m => m.Month == month)?.Totals ?? MerchantMonthTotals.Empty(month));
        }

        var outcomes = evaluator.CloseInOrder(Profile, totals, previous, programs);
        months = months.AddRange(totals.Zip(outcomes, (month, outcome) => new ClosedMonth(month.Month, month, outcome.Programs, closedAt)));
        if (months.Length > settings.HistoryMonths)
        {
            months = months.RemoveRange(0, months.Length - settings.HistoryMonths);
        }

        var firstLive = FirstClosedLiveMonth ?? totals.FirstOrDefault(HasRecords)?.Month;

        // History first: it is the truth about closed months (see OnActivateAsync for a crash between the writes).
        await StateWrites.WriteAsync(this, history, history.State with { Programs = outcomes[^1].State, Months = months, FirstLiveMonth = firstLive });
        await WriteAsync(state.State with { OpenMonths = [.. open.Where(m => m.Month > through)] });
        await RefreshSummaryAsync();
        await ScheduleCloseAsync();
        return [.. totals.Select(m => m.Month)];
    }

    public async Task<HistoryImportResult> ImportHistoryAsync(HistoryImport import)
    {
        ArgumentNullException.ThrowIfNull(import);
        var now = clock.GetUtcNow();
        var plan = HistoryImportPlan.Make(import, history.State, LiveFrom(now), Profile, evaluator, settings, now);
        if (plan.Next is null)
        {
            // The same import again may be the retry of one that failed after writing the history: what that one should
            // have done after its write is done now, and costs nothing if it was done.
            if (!history.State.Imported.IsEmpty && plan.Rows.All(r => r.Status == HistoryRowStatus.Unchanged))
            {
                await CatchUpAfterImportAsync(now, onlyIfNoReminder: true);
            }

            CountHistoryRows(plan.Rows, written: false);
            return new HistoryImportResult(plan.Rows, [], Snapshot());
        }

        await StateWrites.WriteAsync(this, history, plan.Next);
        CountHistoryRows(plan.Rows, written: true);
        MerchantLog.HistoryImported(logger, Key, plan.Rows.Count(r => r.Status == HistoryRowStatus.Imported), plan.Rows.Count(r => r.Status == HistoryRowStatus.Replaced), plan.Evaluated[0], plan.Evaluated[^1]);
        await CatchUpAfterImportAsync(now, onlyIfNoReminder: false);
        return new HistoryImportResult(plan.Rows, plan.Evaluated, Snapshot());
    }

    // The months between the last imported one and now close as the reminder would have closed them (empty, unless
    // records came for them), so the merchant stands as it will from now on; the summary and the reminder follow.
    private async Task CatchUpAfterImportAsync(DateTimeOffset now, bool onlyIfNoReminder)
    {
        if (!(await CloseThroughAsync(DueMonth(now))).IsEmpty)
        {
            return;
        }

        await RefreshSummaryAsync();
        if (!onlyIfNoReminder || await this.GetReminder(MonthCloseReminder) is null)
        {
            await ScheduleCloseAsync();
        }
    }

    // An all-or-nothing import that one row refused writes nothing: its rows that would have changed the history
    // count as refused, so "imported" and "replaced" are only what was stored.
    private void CountHistoryRows(ImmutableArray<HistoryRowOutcome> rows, bool written)
    {
        var counted = rows.Select(r => written || r.Status is HistoryRowStatus.Unchanged ? r.Status : HistoryRowStatus.Refused).ToList();
        foreach (var status in Enum.GetValues<HistoryRowStatus>())
        {
            metrics.HistoryRows(status, counted.Count(s => s == status));
        }
    }

    // The last month whose close time has passed.
    private YearMonth DueMonth(DateTimeOffset now) => YearMonth.Of(now - settings.MonthCloseGrace).Previous();

    // The first month counted from live records: the first closed with records, or the first still open, or else the
    // running month. History is imported only before it.
    private YearMonth LiveFrom(DateTimeOffset now)
    {
        var first = FirstClosedLiveMonth ?? YearMonth.Of(now);
        if (!state.State.OpenMonths.IsEmpty && state.State.OpenMonths[0].Month < first)
        {
            first = state.State.OpenMonths[0].Month;
        }

        return first < YearMonth.Of(now) ? first : YearMonth.Of(now);
    }

    // Histories closed before the first live month was kept have their live months all in the history.
    private YearMonth? FirstClosedLiveMonth =>
        history.State.FirstLiveMonth ?? history.State.Months.FirstOrDefault(m => !m.Imported && HasRecords(m.Totals))?.Month;

    private static bool HasRecords(MerchantMonthTotals totals) => totals != MerchantMonthTotals.Empty(totals.Month);

    private MerchantGrainState Count(MerchantGrainState current, MerchantEvent record) =>
        WithLedger(current, record.Month, ledger => record.Kind switch
        {
            MerchantEventKind.Sales => ledger.AddSales(record.Network, record.Count, record.Amount, record.CardPresent, settings.Rates, record.ThreeDsAuthenticated),
            MerchantEventKind.Dispute => ledger.AddDispute(record.Network, record.Amount, record.Fraud, record.CardToken, settings.Rates, record.ResolvedByRdr),
            MerchantEventKind.FraudReport => ledger.AddFraudReport(record.Network, record.Amount, settings.Rates, record.CompellingEvidence),
            _ => throw new ArgumentOutOfRangeException(nameof(record), record.Kind, null),
        });

    // The open month's ledger changed by one record or count (opened if it is the month's first).
    private MerchantGrainState WithLedger(MerchantGrainState current, YearMonth month, Func<MerchantMonthLedger, MerchantMonthLedger> change)
    {
        var open = current.OpenMonths;
        var index = IndexOf(open, m => m.Month == month);
        var ledger = change(index >= 0 ? open[index] : MerchantMonthLedger.Open(month, evaluator.Rulebook.Parameters.VisaDisputesPerCardPerMonth));
        var months = index >= 0 ? open.SetItem(index, ledger) : [.. open.Add(ledger).OrderBy(m => m.Month)];
        return current with { OpenMonths = months };
    }

    private MerchantGrainState CountLate(MerchantGrainState current, MerchantEvent record)
    {
        var late = current.Late;
        var index = IndexOf(late, l => l.Month == record.Month);
        var entry = index >= 0 ? late[index] : new LateRecords(record.Month, 0, 0, 0);
        entry = record.Kind switch
        {
            MerchantEventKind.Sales => entry with { SalesBatches = checked(entry.SalesBatches + 1) },
            MerchantEventKind.Dispute => entry with { Disputes = checked(entry.Disputes + 1) },
            _ => entry with { FraudReports = checked(entry.FraudReports + 1) },
        };
        late = index >= 0 ? late.SetItem(index, entry) : [.. late.Add(entry).OrderBy(l => l.Month)];
        if (late.Length > settings.HistoryMonths)
        {
            late = late.RemoveRange(0, late.Length - settings.HistoryMonths);
        }

        return current with { Late = late };
    }

    // Derived from the other two states and rewritten when it differs, with the alerts the difference raises; a
    // crash before this write leaves it one change behind until the merchant's next change or activation.
    private async Task RefreshSummaryAsync(IReadOnlyList<MerchantAlert>? alsoRaised = null)
    {
        var before = summary.RecordExists ? summary.State : null;
        var next = MerchantSummary.Of(Snapshot(), evaluator.Rulebook);
        var now = clock.GetUtcNow();
        // Months before the first live month (imported, or closed empty after an import) are the past the merchant brings
        // with it: its standing shows them, but they raise no alerts.
        var liveFrom = LiveFrom(now);
        var closedSince = history.State.Months.Where(m => m.Month >= liveFrom && (before?.LastClosedMonth is not { } last || m.Month > last));
        var raised = MerchantAlerts.OfWarnings(before, next, now).Concat(MerchantAlerts.OfClose(Key, closedSince, now)).Concat(alsoRaised ?? []).DistinctBy(a => a.Id).ToList();
        var pending = before?.PendingAlerts ?? [];
        if (before is null || !before.SameAs(next) || raised.Count > 0)
        {
            var added = raised.Where(a => pending.All(p => p.Id != a.Id)).ToList();
            await StateWrites.WriteAsync(this, summary, next with { PendingAlerts = pending.AddRange(added) });

            // Counted when stored with the summary; a crash between this write and an earlier one can raise an alert
            // twice (same id, delivered once), so the count is at least once.
            foreach (var alert in added)
            {
                metrics.AlertRaised(alert.Kind, alert.Program);
            }
        }

        await HandOverAlertsAsync();
    }

    // Pending alerts stay in the stored summary until a later write: handing them over again is harmless (same ids).
    private async Task HandOverAlertsAsync()
    {
        var pending = summary.State.PendingAlerts;
        if (pending.IsEmpty)
        {
            return;
        }

        try
        {
            await alerts.PublishAsync(pending);
            summary.State = summary.State with { PendingAlerts = [] };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            MerchantLog.AlertsPending(logger, Key, pending.Length, exception);
        }
    }

    private async Task ScheduleCloseAsync()
    {
        var next = LastClosed?.Next() ?? (state.State.OpenMonths.IsEmpty ? YearMonth.Of(clock.GetUtcNow()) : state.State.OpenMonths[0].Month);
        var dueIn = settings.ClosesAt(next) + CloseTickMargin - clock.GetUtcNow();
        await this.RegisterOrUpdateReminder(MonthCloseReminder, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, ReminderRetry);
    }

    private MerchantSnapshot Snapshot() => Snapshot(state.State);

    private MerchantSnapshot Snapshot(MerchantGrainState current)
    {
        var now = clock.GetUtcNow();
        var month = YearMonth.Of(now);
        var open = current.OpenMonths;
        var months = history.State.Months;
        var running = open.FirstOrDefault(m => m.Month == month)?.Totals ?? MerchantMonthTotals.Empty(month);
        var previous = open.FirstOrDefault(m => m.Month == month.Previous())?.Totals
            ?? months.LastOrDefault(m => m.Month == month.Previous())?.Totals;
        var projection = new MonthProjector(evaluator.Rulebook, clock).Project(current.Profile ?? new MerchantProfile(Key), running, previous ?? MerchantMonthTotals.Empty(month.Previous()));
        return new MerchantSnapshot(
            Key,
            current.Profile ?? new MerchantProfile(Key),
            month,
            running,
            previous,
            LastClosed,
            history.State.Programs,
            months.IsEmpty ? null : months[^1],
            projection,
            months,
            current.Late,
            new CardTestingStatus(
                current.CardTesting.Add(now, [], settings.CardTestingWindow).DistinctCards,
                settings.CardTestingWindow,
                settings.CardTestingDistinctCards,
                current.CardTesting.LockdownUntil,
                current.CardTesting.LockdownUntil > now),
            Known: state.RecordExists || history.RecordExists);
    }

    private static int IndexOf<T>(ImmutableArray<T> items, Func<T, bool> match)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (match(items[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private Task WriteAsync(MerchantGrainState next) => StateWrites.WriteAsync(this, state, next);

    private static string Fingerprint(MerchantEvent record) =>
        Convert.ToBase64String(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(record, ActorRiskJson.Options))[..16]);
}

internal static partial class MerchantLog
{
    [LoggerMessage(200, LogLevel.Warning, "Merchant {MerchantId}: {Count} alerts could not be handed to the outbox yet; they stay pending and are retried on the next change")]
    public static partial void AlertsPending(ILogger logger, string merchantId, int count, Exception exception);

    [LoggerMessage(201, LogLevel.Warning, "Merchant {MerchantId}: its card-testing lockdown applies on this silo, but the policy grain could not record it for the others yet; it is told again within a minute while the attack lasts, and at the next activation")]
    public static partial void LockdownNotAnnounced(ILogger logger, string merchantId, Exception exception);

    [LoggerMessage(203, LogLevel.Information, "Merchant {MerchantId}: history imported ({Imported} months and networks new, {Replaced} replaced); {From} to {Through} evaluated again")]
    public static partial void HistoryImported(ILogger logger, string merchantId, int imported, int replaced, YearMonth from, YearMonth through);

    [LoggerMessage(202, LogLevel.Information, "Merchant {MerchantId}: month-close reminder (tick due {TickTime:O}) closed {Closed}")]
    public static partial void MonthCloseReminder(ILogger logger, string merchantId, string closed, DateTime tickTime);
}
