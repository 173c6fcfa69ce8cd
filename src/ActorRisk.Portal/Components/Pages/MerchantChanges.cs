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
            || !Projected(shown).SequenceEqual(Projected(fresh));
    }

    // The projection moves with the clock as well as with records; the page shows it to the hundredth of a percent.
    private static IEnumerable<(MonitoringProgram, MetricReading, WarningLevel, string)> Projected(MerchantSnapshot merchant) =>
        merchant.Projection.Select(p => (p.Program, p.Current, p.Warning, Format.Ratio(p.AtMonthEnd.Ratio)));
}
