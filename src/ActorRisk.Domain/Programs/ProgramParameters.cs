namespace ActorRisk.Domain.Programs;

/// <summary>
/// The values on which public sources disagree. Defaults follow the most recent sources; docs/domain.md names
/// the sources on both sides, so an acquirer can set the value its own network letters use.
/// </summary>
public sealed record ProgramParameters
{
    /// <summary>Mastercard ECM/HECM exit: consecutive months below 1.5% (sources say 2 or 3).</summary>
    public int EcmExitMonthsBelow { get; init; } = 3;

    /// <summary>VAMP merchant count minimum (most sources 1,500; some 1,000).</summary>
    public long VampCountMinimum { get; init; } = 1_500;

    /// <summary>VAMP fee per fraud report / dispute for an Excessive merchant (recent sources USD 8; older USD 10).</summary>
    public Values.Money VampFeePerItem { get; init; } = Values.Money.Usd(8m);

    /// <summary>Mastercard issuer recovery assessment, from month 4: amount per chargeback over <see cref="IssuerRecoveryOver"/>.</summary>
    public Values.Money IssuerRecoveryPerChargeback { get; init; } = Values.Money.Usd(5m);

    public long IssuerRecoveryOver { get; init; } = 300;

    /// <summary>Visa counts only the first N disputes per card per month (VDMP).</summary>
    public int VisaDisputesPerCardPerMonth { get; init; } = 10;

    /// <summary>How month counters advance; see <see cref="TimelineCounting"/>.</summary>
    public TimelineCounting Counting { get; init; } = TimelineCounting.MonthsIdentified;

    public static ProgramParameters Defaults { get; } = new();
}
