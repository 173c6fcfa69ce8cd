using ActorRisk.Domain.Merchants;
using ActorRisk.Domain.Programs;

namespace ActorRisk.Portal.Components.Pages;

/// <summary>
/// Whether a merchant page's fresh read differs from what it shows. Snapshots hold arrays, which records compare
/// by reference, so a new read is never Equal to the last one; these are the parts a record, a close, a lockdown or
/// an operator changes, compared by value, so an open page renders again only when something did change.
/// </summary>
public static class MerchantChanges
{
    public static bool Differ(MerchantSnapshot? shown, MerchantSnapshot fresh)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        return shown is null
            || shown.Known != fresh.Known
            || shown.Month != fresh.Month
            || shown.Totals != fresh.Totals
            || shown.LastClosedMonth != fresh.LastClosedMonth
            || shown.CardTesting != fresh.CardTesting
            || shown.Profile != fresh.Profile
            || shown.History.Length != fresh.History.Length
            || !Closed(shown).SequenceEqual(Closed(fresh))
            || !Judged(shown).SequenceEqual(Judged(fresh))
            || !Projected(shown).SequenceEqual(Projected(fresh));
    }

    // A history import with replace evaluates closed months again without adding one: their totals, mark and results
    // change while the count and the last closed month stay as they were.
    private static IEnumerable<(YearMonth, bool, MerchantMonthTotals)> Closed(MerchantSnapshot merchant) =>
        merchant.History.Select(m => (m.Month, m.Imported, m.Totals));

    private static IEnumerable<(YearMonth, MonitoringProgram, ProgramStatus, string?, int, Money)> Judged(MerchantSnapshot merchant) =>
        merchant.History.SelectMany(m => m.Programs.Select(p => (m.Month, p.Program, p.Status, p.Tier, p.MonthInProgram, p.Fine)));

    // The projection moves with the clock as well as with records; the page shows it to the hundredth of a percent.
    private static IEnumerable<(MonitoringProgram, MetricReading, WarningLevel, string)> Projected(MerchantSnapshot merchant) =>
        merchant.Projection.Select(p => (p.Program, p.Current, p.Warning, Format.Ratio(p.AtMonthEnd.Ratio)));
}
