using System.Globalization;

namespace ActorRisk.Grains.Merchants;

/// <summary>The alerts a change of a merchant's summary or a month close raises.</summary>
public static class MerchantAlerts
{
    /// <summary>A program's warning level that rose for the running month (a month raises each level once).</summary>
    public static IEnumerable<MerchantAlert> OfWarnings(MerchantSummary? before, MerchantSummary after, DateTimeOffset now)
    {
        foreach (var program in after.Programs)
        {
            var previous = before is not null && before.Month == after.Month
                ? before.Programs.FirstOrDefault(p => p.Program == program.Program)?.Warning ?? WarningLevel.None
                : WarningLevel.None;
            if (program.Warning <= previous || program.Warning == WarningLevel.None)
            {
                continue;
            }

            var kind = program.Warning switch
            {
                WarningLevel.Over => MerchantAlertKind.OverThreshold,
                WarningLevel.ProjectedOver => MerchantAlertKind.ProjectedOver,
                _ => MerchantAlertKind.Approaching,
            };
            var ratio = program.ProjectedRatio is { } r ? $" (projected ratio {r.ToString("0.00%", CultureInfo.InvariantCulture)})" : string.Empty;
            var message = kind switch
            {
                MerchantAlertKind.OverThreshold => $"{program.Program}: {after.Month} is already over the entry thresholds{ratio}.",
                MerchantAlertKind.ProjectedOver => $"{program.Program}: at the current pace {after.Month} ends over the entry thresholds{ratio}.",
                _ => $"{program.Program}: at the current pace {after.Month} ends at 80% or more of the entry thresholds{ratio}.",
            };
            yield return new MerchantAlert(IdOf(after.MerchantId, kind, program.Program, after.Month), after.MerchantId, kind, program.Program, after.Month, now, message);
        }
    }

    /// <summary>Entries, resumptions and exits in closed months.</summary>
    public static IEnumerable<MerchantAlert> OfClose(string merchantId, IEnumerable<ClosedMonth> closed, DateTimeOffset now)
    {
        foreach (var month in closed)
        {
            foreach (var result in month.Programs)
            {
                MerchantAlertKind? kind = result.Transition switch
                {
                    ProgramTransition.Entered => MerchantAlertKind.ProgramEntered,
                    ProgramTransition.Resumed => MerchantAlertKind.ProgramResumed,
                    ProgramTransition.Exited => MerchantAlertKind.ProgramExited,
                    _ => null,
                };
                if (kind is { } k)
                {
                    // The evaluator's reason lines: the metric, the threshold met or missed, then the transition itself.
                    var detail = result.Reasons.Length > 2 ? result.Reasons[2] : result.Reasons.LastOrDefault() ?? $"{result.Program} {result.Status}.";
                    yield return new MerchantAlert(IdOf(merchantId, k, result.Program, month.Month), merchantId, k, result.Program, month.Month, now, $"{result.Program} {month.Month}: {detail}");
                }
            }
        }
    }

    public static string IdOf(string merchantId, MerchantAlertKind kind, MonitoringProgram? program, YearMonth month, string? window = null) =>
        string.Join(':', new[] { merchantId, kind.ToString(), program?.ToString() ?? "-", month.ToString(), window }.Where(p => p is not null));
}
