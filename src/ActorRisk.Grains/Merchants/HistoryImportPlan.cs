using System.Security.Cryptography;
using System.Text.Json;
using ActorRisk.Abstractions.Serialization;

namespace ActorRisk.Grains.Merchants;

/// <summary>
/// A history import worked out against what the merchant has stored, without writing anything: each row's outcome
/// and, when a row changes the imported months, the history evaluated again from the merchant's first month through
/// its last closed one. Months before <paramref name="LiveFrom"/> are the imported ones (zero where none was
/// imported); from it on they are the live months already closed, which the import never changes but evaluates again,
/// because their program timelines continue the imported ones.
/// </summary>
internal sealed record HistoryImportPlan(
    ImmutableArray<HistoryRowOutcome> Rows,
    MerchantHistoryState? Next,
    ImmutableArray<YearMonth> Evaluated)
{
    public static HistoryImportPlan Make(
        HistoryImport import,
        MerchantHistoryState history,
        YearMonth liveFrom,
        MerchantProfile profile,
        MerchantMonthEvaluator evaluator,
        MerchantSettings settings,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(history);
        var imported = history.Imported.ToDictionary(m => (m.Month, m.Network));
        var seen = new HashSet<(YearMonth, CardNetwork)>();
        var rows = ImmutableArray.CreateBuilder<HistoryRowOutcome>(import.Months.Length);
        var changes = new List<ImportedMonth>();
        foreach (var row in import.Months)
        {
            var outcome = Decide(row, liveFrom, settings, import.Replace, imported, seen, now, out var change);
            rows.Add(outcome);
            if (change is not null)
            {
                changes.Add(change);
            }
        }

        var outcomes = rows.MoveToImmutable();
        if (changes.Count == 0 || (import.AllOrNothing && outcomes.Any(r => r.Status == HistoryRowStatus.Refused)))
        {
            return new(outcomes, null, []);
        }

        // The live months closed so far are evaluated again after the imported ones, so each of them must still be held.
        var lastClosed = history.Programs.LastClosedMonth;
        if (lastClosed is { } closed && closed >= liveFrom && !history.Months.Any(m => m.Month == liveFrom))
        {
            var reason = $"The merchant's live months from {liveFrom} are older than the {settings.HistoryMonths} months it keeps, so its program timelines cannot be evaluated again; months before them can no longer be imported.";
            return new([.. outcomes.Select(r => r.Status is HistoryRowStatus.Imported or HistoryRowStatus.Replaced ? r with { Status = HistoryRowStatus.Refused, Problem = new RecordProblem(RecordProblemKind.Rejected, "month", reason) } : r)], null, []);
        }

        foreach (var change in changes)
        {
            imported[(change.Month, change.Network)] = change;
        }

        var first = imported.Keys.Min(k => k.Item1);
        var last = imported.Keys.Max(k => k.Item1);
        var through = lastClosed is { } l && l > last ? l : last;
        var held = history.Months.ToDictionary(m => m.Month);
        var months = new List<MerchantMonthTotals>();
        for (var month = first; month <= through; month = month.Next())
        {
            months.Add(month < liveFrom
                ? new MerchantMonthTotals(month, imported.GetValueOrDefault((month, CardNetwork.Visa))?.Totals ?? NetworkMonthTotals.Empty, imported.GetValueOrDefault((month, CardNetwork.Mastercard))?.Totals ?? NetworkMonthTotals.Empty)
                : held[month].Totals);
        }

        // The first imported month is the merchant's first month: nothing came before it to carry a program standing.
        var evaluated = evaluator.CloseInOrder(profile, months, null, MerchantProgramState.New);
        var closedMonths = months.Zip(evaluated, (totals, outcome) => new ClosedMonth(
            totals.Month,
            totals,
            outcome.Programs,
            held.GetValueOrDefault(totals.Month)?.ClosedAt ?? now,
            Imported: totals.Month < liveFrom && (imported.ContainsKey((totals.Month, CardNetwork.Visa)) || imported.ContainsKey((totals.Month, CardNetwork.Mastercard)))));
        var next = history with
        {
            Programs = evaluated[^1].State,
            Months = [.. closedMonths.TakeLast(settings.HistoryMonths)],
            Imported = [.. imported.Values.OrderBy(m => m.Month).ThenBy(m => m.Network)],
        };
        var from = changes.Min(c => c.Month);
        var again = ImmutableArray.CreateBuilder<YearMonth>(through.MonthsSince(from) + 1);
        for (var month = from; month <= through; month = month.Next())
        {
            again.Add(month);
        }

        return new(outcomes, next, again.MoveToImmutable());
    }

    private static HistoryRowOutcome Decide(
        ReportedMonth row,
        YearMonth liveFrom,
        MerchantSettings settings,
        bool replace,
        Dictionary<(YearMonth, CardNetwork), ImportedMonth> imported,
        HashSet<(YearMonth, CardNetwork)> seen,
        DateTimeOffset now,
        out ImportedMonth? change)
    {
        change = null;
        HistoryRowOutcome Refused(string field, string reason, RecordProblemKind kind = RecordProblemKind.Rejected) =>
            new(row.Month, row.Network, HistoryRowStatus.Refused, new RecordProblem(kind, field, reason));

        if (row.Month < settings.EarliestMonth)
        {
            return Refused("month", $"Months before {settings.EarliestMonth} are not accepted (the program rulebook starts there).");
        }

        if (row.Month >= liveFrom)
        {
            return Refused("month", $"{row.Month} is not before {liveFrom}, the merchant's first live month: from then on its months are counted from live records, and only earlier months can be imported.");
        }

        if (!seen.Add((row.Month, row.Network)))
        {
            return Refused("month", $"{row.Month} on {row.Network} appears twice in this import.");
        }

        if (row.Problems(settings.Rates) is { Count: > 0 } problems)
        {
            return Refused(problems[0].Field, problems[0].Problem);
        }

        NetworkMonthTotals totals;
        try
        {
            totals = row.ToTotals(settings.Rates);
        }
        catch (LedgerOverflowException exception)
        {
            return Refused(exception.Field, $"{exception.Field} in USD is past the largest amount a month can hold.");
        }

        var fingerprint = Fingerprint(row);
        if (imported.TryGetValue((row.Month, row.Network), out var before))
        {
            if (before.Fingerprint == fingerprint)
            {
                return new(row.Month, row.Network, HistoryRowStatus.Unchanged);
            }

            if (!replace)
            {
                return Refused("month", $"{row.Month} on {row.Network} was imported on {before.ImportedAt:yyyy-MM-dd} with other totals; send it with replace to replace it and evaluate the later months again.", RecordProblemKind.Conflict);
            }
        }

        change = new ImportedMonth(row.Month, row.Network, totals, fingerprint, now);
        return new(row.Month, row.Network, before is null ? HistoryRowStatus.Imported : HistoryRowStatus.Replaced);
    }

    // The row as sent with its defaults filled in, so leaving out a part and sending its default are the same row; not
    // the USD totals, or a change of exchange rates would turn a file sent again into conflicts.
    private static string Fingerprint(ReportedMonth row) =>
        Convert.ToBase64String(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(row.WithDefaults(), ActorRiskJson.Options))[..16]);
}
