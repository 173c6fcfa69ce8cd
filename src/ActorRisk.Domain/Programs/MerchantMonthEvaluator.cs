namespace ActorRisk.Domain.Programs;

/// <summary>
/// Closes a merchant's month: for every program in force it reads the metric, decides the tier, advances the
/// timeline (enter, continue, resume, go below, exit), prices the month from the fine schedule and writes the
/// reason lines. Pure and deterministic: the same inputs always give the same outcome.
/// Months must be closed in order, one after the other; close empty months for gaps.
/// </summary>
public sealed class MerchantMonthEvaluator(ProgramRulebook rulebook)
{
    public ProgramRulebook Rulebook { get; } = rulebook;

    public MerchantMonthOutcome Close(
        MerchantProfile profile,
        MerchantMonthTotals month,
        MerchantMonthTotals? previousMonth,
        MerchantProgramState prior)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(month);
        ArgumentNullException.ThrowIfNull(prior);
        if (prior.LastClosedMonth is { } last && month.Month != last.Next())
        {
            throw new InvalidOperationException($"Months close in order: {last} was closed last, so the next is {last.Next()}, not {month.Month}.");
        }

        if (previousMonth is null && prior.LastClosedMonth is not null)
        {
            throw new ArgumentException(
                $"The totals of {month.Month.Previous()} are needed to close {month.Month} (Mastercard's denominator); pass empty totals for a month without activity.",
                nameof(previousMonth));
        }

        if (previousMonth is not null && previousMonth.Month != month.Month.Previous())
        {
            throw new ArgumentException($"The previous month of {month.Month} is {month.Month.Previous()}, not {previousMonth.Month}.", nameof(previousMonth));
        }

        var drafts = new List<Draft>();
        foreach (var version in Rulebook.InForce(month.Month))
        {
            drafts.Add(Evaluate(version, profile, month, previousMonth, prior.Standing(version.Program)));
        }

        foreach (var program in Enum.GetValues<MonitoringProgram>())
        {
            if (Rulebook.RetiredBefore(program, month.Month) is { } retired && prior.Standing(program).InProgram)
            {
                drafts.Add(Retire(retired, month, previousMonth, prior.Standing(program)));
            }
        }

        ApplyFinePrecedence(drafts);

        var standings = prior.Standings;
        var results = ImmutableArray.CreateBuilder<ProgramMonthResult>(drafts.Count);
        foreach (var draft in drafts)
        {
            var standing = draft.Standing.AddFine(draft.Result.Fine);
            standings = standings.SetItem(draft.Result.Program, standing);
            results.Add(draft.Result with { FinesToDate = standing.FinesToDateIn(draft.Result.Fine.Currency) });
        }

        return new MerchantMonthOutcome(month.Month, new MerchantProgramState(month.Month, standings), results.ToImmutable());
    }

    /// <summary>
    /// Closes consecutive months in order, each month's totals the next one's previous month: the live month close
    /// and a history import's evaluation alike.
    /// </summary>
    public ImmutableArray<MerchantMonthOutcome> CloseInOrder(
        MerchantProfile profile,
        IReadOnlyList<MerchantMonthTotals> months,
        MerchantMonthTotals? previousMonth,
        MerchantProgramState prior)
    {
        ArgumentNullException.ThrowIfNull(months);
        var outcomes = ImmutableArray.CreateBuilder<MerchantMonthOutcome>(months.Count);
        var state = prior;
        var previous = previousMonth;
        foreach (var month in months)
        {
            var outcome = Close(profile, month, previous, state);
            outcomes.Add(outcome);
            state = outcome.State;
            previous = month;
        }

        return outcomes.MoveToImmutable();
    }

    private static Draft Evaluate(ProgramVersion version, MerchantProfile profile, MerchantMonthTotals month, MerchantMonthTotals? previousMonth, ProgramStanding standing)
    {
        var reading = MetricReading.Read(version.Metric, month.For(version.Network), previousMonth?.For(version.Network));
        var noun = version.ItemNoun;
        var reasons = new List<string> { $"{version.Program} {month.Month}: {reading.Describe(noun)}." };
        var entry = version.EntryTier;
        var currency = entry is null ? "USD" : version.FinesFor(entry.Id).Currency;
        var noFine = Values.Money.Zero(currency);

        if (entry is null)
        {
            reasons.Add(version.Note ?? "Measured only; no thresholds apply.");
            return new(Result(version, month.Month, ProgramStatus.NotInProgram, ProgramTransition.None, null, standing.MonthInProgram, noFine, [], null, reading, reasons), standing);
        }

        var identified = version.EnforcementTiers.LastOrDefault(t => reading.Meets(t, profile));
        if (identified is not null)
        {
            return Identified(version, profile, month.Month, standing, reading, identified, reasons);
        }

        var shortfalls = string.Join(", ", reading.Shortfalls(entry, profile));
        if (standing.InProgram)
        {
            var monthInProgram = version.Counting == TimelineCounting.CalendarMonthsSinceEntry ? standing.MonthInProgram + 1 : standing.MonthInProgram;
            reasons.Add($"Below {entry.Name} ({shortfalls}).");
            if (version.ExitRequiresRatioBelow && !reading.IsRatioBelow(entry.MinRatio))
            {
                reasons.Add(reading.Ratio is null
                    ? $"The ratio is undefined ({reading.UndefinedRatioReason}) with {DescribeNumerator(reading, noun)}, so it is not below {ProgramTier.Percent(entry.MinRatio)}: this month does not count toward exit, and the run of months below starts again."
                    : $"The ratio is still at or over {ProgramTier.Percent(entry.MinRatio)}: this month does not count toward exit, and the run of months below starts again.");
                var unchanged = standing with { ConsecutiveMonthsBelow = 0, MonthInProgram = monthInProgram };
                return new(Result(version, month.Month, ProgramStatus.ExitWindow, ProgramTransition.WentBelow, standing.Tier, monthInProgram, noFine, [], version.ExitAfterMonthsBelow, reading, reasons), unchanged);
            }

            var below = standing.ConsecutiveMonthsBelow + 1;
            if (below >= version.ExitAfterMonthsBelow)
            {
                reasons.Add($"Exited {version.Name} after {Months(below)} in a row below the {entry.Name} thresholds.");
                AddUndefinedRatioNote(reasons, version, reading);
                var exited = ProgramStanding.NotEnrolled(version.Program) with { TimesEntered = standing.TimesEntered, FinesToDate = standing.FinesToDate };
                return new(Result(version, month.Month, ProgramStatus.Exited, ProgramTransition.Exited, null, monthInProgram, noFine, [], 0, reading, reasons), exited);
            }

            var toExit = version.ExitAfterMonthsBelow - below;
            reasons.Add($"{below} of {version.ExitAfterMonthsBelow} consecutive months below needed to exit; over the thresholds again before then, the timeline resumes at month {monthInProgram + 1}.");
            AddUndefinedRatioNote(reasons, version, reading);
            var waiting = standing with { ConsecutiveMonthsBelow = below, MonthInProgram = monthInProgram };
            return new(Result(version, month.Month, ProgramStatus.ExitWindow, ProgramTransition.WentBelow, standing.Tier, monthInProgram, noFine, [], toExit, reading, reasons), waiting);
        }

        var warning = version.Tiers.Where(t => t.Role == TierRole.EarlyWarning).LastOrDefault(t => reading.Meets(t, profile));
        if (warning is not null)
        {
            reasons.Add($"Early warning: meets {warning.Name} ({warning.DescribeThresholds(noun)}) but not {entry.Name} ({shortfalls}).");
            return new(Result(version, month.Month, ProgramStatus.EarlyWarning, ProgramTransition.None, warning.Id, 0, noFine, [], null, reading, reasons), standing);
        }

        reasons.Add($"Below {entry.Name} ({shortfalls}).");
        AddUndefinedRatioNote(reasons, version, reading);
        return new(Result(version, month.Month, ProgramStatus.NotInProgram, ProgramTransition.None, null, 0, noFine, [], null, reading, reasons), standing);
    }

    /// <summary>
    /// Says outright why counted items over no sales did not count, since the items alone may be over the count threshold.
    /// It goes last: the API and the alerts read the shortfall and transition lines by position.
    /// </summary>
    private static void AddUndefinedRatioNote(List<string> reasons, ProgramVersion version, MetricReading reading)
    {
        if (reading.UndefinedRatioReason is { } undefined && reading.HasNumerator)
        {
            reasons.Add($"Ratio undefined: {undefined}. {version.Program} needs the ratio as well as the count, so {DescribeNumerator(reading, version.ItemNoun)} alone count as neither an entry nor a warning.");
        }
    }

    /// <summary>"120 chargebacks", or "USD 80,000.00 fraud" for an amount ratio.</summary>
    private static string DescribeNumerator(MetricReading reading, string noun) =>
        reading.UsesAmountRatio ? $"{reading.Amount} fraud" : $"{reading.Count:N0} {noun}";

    private static Draft Identified(ProgramVersion version, MerchantProfile profile, YearMonth month, ProgramStanding standing, MetricReading reading, ProgramTier tier, List<string> reasons)
    {
        var noun = version.ItemNoun;
        reasons.Add($"Meets {tier.Name} ({tier.DescribeThresholds(noun)}).");

        var entered = !standing.InProgram;
        var monthInProgram = entered ? 1 : standing.MonthInProgram + 1;
        var monthsBelow = standing.LastIdentifiedIn is { } lastIdentified ? month.MonthsSince(lastIdentified) - 1 : 0;
        var transition = entered ? ProgramTransition.Entered
            : monthsBelow > 0 ? ProgramTransition.Resumed
            : ProgramTransition.Continued;
        reasons.Add(transition switch
        {
            ProgramTransition.Entered => $"Entered {version.Name}: month 1 of the program timeline.",
            ProgramTransition.Resumed => $"Over the thresholds again after {Months(monthsBelow)} below, before exit: the timeline resumes at month {monthInProgram}, it does not restart.",
            _ => $"Month {monthInProgram} in {version.Name}.",
        });

        var scheduleTier = tier;
        if (profile.IsHighBrandRisk && version.HighBrandRiskTier is { } hbr && version.Tiers.IndexOf(tier) < version.Tiers.IndexOf(version.Tier(hbr)))
        {
            scheduleTier = version.Tier(hbr);
            reasons.Add($"High-brand-risk merchant: fines follow the {scheduleTier.Name} schedule.");
        }

        var schedule = version.FinesFor(scheduleTier.Id);
        var lines = schedule.LinesFor(monthInProgram, reading.Count, noun);
        var fine = lines.Aggregate(Values.Money.Zero(schedule.Currency), (sum, line) => sum + line.Amount);
        if (lines.Length == 0)
        {
            var firstFined = schedule.Bands.FirstOrDefault(b => b.FromMonth > monthInProgram && b.Components.Length > 0);
            reasons.Add(version.Note ?? (firstFined is null
                ? $"No fine in month {monthInProgram}."
                : $"No fine in month {monthInProgram} of the {scheduleTier.Name} schedule; fines start in month {firstFined.FromMonth}."));
        }
        else
        {
            reasons.Add($"Fine for month {monthInProgram} on the {scheduleTier.Name} schedule ({schedule.BandFor(monthInProgram)!.MonthRange}): {fine}.");
        }

        if (version.DisqualificationAfterMonth is { } last && monthInProgram > last)
        {
            reasons.Add($"Month {monthInProgram} is past the {last}-month program timeline: the network may disqualify the merchant from accepting its cards.");
        }

        var identified = standing with
        {
            InProgram = true,
            MonthInProgram = monthInProgram,
            Tier = tier.Id,
            ConsecutiveMonthsBelow = 0,
            EnteredIn = entered ? month : standing.EnteredIn,
            LastIdentifiedIn = month,
            TimesEntered = standing.TimesEntered + (entered ? 1 : 0),
        };
        return new(Result(version, month, ProgramStatus.Enforcement, transition, tier.Id, monthInProgram, fine, lines, version.ExitAfterMonthsBelow, reading, reasons), identified);
    }

    private static Draft Retire(ProgramVersion retired, MerchantMonthTotals month, MerchantMonthTotals? previousMonth, ProgramStanding standing)
    {
        var reading = MetricReading.Read(retired.Metric, month.For(retired.Network), previousMonth?.For(retired.Network));
        var reasons = new List<string>
        {
            $"{retired.Name} was retired after {retired.EffectiveThrough}: the merchant's standing (month {standing.MonthInProgram}) closes without further fines.",
        };
        var closed = ProgramStanding.NotEnrolled(retired.Program) with { TimesEntered = standing.TimesEntered, FinesToDate = standing.FinesToDate };
        var currency = retired.EntryTier is { } entry ? retired.FinesFor(entry.Id).Currency : "USD";
        return new(Result(retired, month.Month, ProgramStatus.Exited, ProgramTransition.Retired, null, standing.MonthInProgram, Values.Money.Zero(currency), [], 0, reading, reasons), closed);
    }

    private void ApplyFinePrecedence(List<Draft> drafts)
    {
        foreach (var rule in Rulebook.FinePrecedences)
        {
            var dominant = drafts.FindIndex(d => d.Result.Program == rule.Dominant && d.Result.Status == ProgramStatus.Enforcement);
            var waived = drafts.FindIndex(d => d.Result.Program == rule.Waived && d.Result.Status == ProgramStatus.Enforcement);
            if (dominant < 0 || waived < 0 || drafts[waived].Result.Fine.IsZero)
            {
                continue;
            }

            var result = drafts[waived].Result;
            var waiver = $"{rule.Waived} assessment of {result.Fine} waived: {rule.Rule}.";
            drafts[waived] = drafts[waived] with
            {
                Result = result with
                {
                    Fine = Values.Money.Zero(result.Fine.Currency),
                    FineLines = [new FineLine(waiver, Values.Money.Zero(result.Fine.Currency))],
                    Reasons = result.Reasons.Add(waiver),
                },
            };
        }
    }

    private static ProgramMonthResult Result(
        ProgramVersion version, YearMonth month, ProgramStatus status, ProgramTransition transition, string? tier, int monthInProgram,
        Values.Money fine, ImmutableArray<FineLine> lines, int? monthsBelowToExit, MetricReading reading, List<string> reasons) =>
        new(version.Program, version.Network, month, status, transition, tier, monthInProgram, fine, lines, fine, monthsBelowToExit, reading, [.. reasons]);

    private static string Months(int count) => count == 1 ? "1 month" : $"{count} months";

    private sealed record Draft(ProgramMonthResult Result, ProgramStanding Standing);
}
