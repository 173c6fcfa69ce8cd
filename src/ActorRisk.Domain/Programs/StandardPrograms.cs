namespace ActorRisk.Domain.Programs;

using static ActorRisk.Domain.Values.Money;

/// <summary>
/// The card networks' monitoring programs as data, from public processor documentation
/// (seed 003: Square's monitoring-program tables; DESIGN.md section 4; docs/domain.md lists each source).
/// Change a number here and docs/domain.md together.
/// </summary>
internal static class StandardPrograms
{
    private const string SquareTables = "Square support: chargeback, dispute and fraud monitoring programs (VDMP/VFMP/ECM/HECM tables), seed 003";
    private const string DesignReference = "ActorRisk DESIGN.md section 4 (processor documentation summary)";
    private const string CheckoutVamp = "Checkout.com docs: Scheme monitoring programs (VAMP replaces VDMP and VFMP from April 2025)";
    private const string AntomVamp = "Antom docs: Card monitoring programs (VAMP 1,500 and 1.5%)";

    private static readonly YearMonth ModelledFrom = new(2020, 1);
    private static readonly YearMonth VisaLegacyLastMonth = new(2025, 3);

    public static ProgramRulebook Build(ProgramParameters p) => new(
        [Vdmp(p), Vfmp(p), .. Vamp(p), VampEnumeration(), Ecm(p), Efm(p)],
        [new FinePrecedence(MonitoringProgram.EFM, MonitoringProgram.ECM,
            "Mastercard assesses only EFM when a merchant is in EFM and ECM in the same month")],
        p);

    private static ProgramVersion Vdmp(ProgramParameters p)
    {
        var perDispute = new FineComponent("USD 50 per dispute", Usd(50m), FineBasis.PerItem);
        var reserve = new FineComponent("Reserve fee USD 25,000 per month", Usd(25_000m), FineBasis.PerMonth);
        return new ProgramVersion
        {
            Program = MonitoringProgram.VDMP,
            Network = CardNetwork.Visa,
            Name = "Visa Dispute Monitoring Program",
            EffectiveFrom = ModelledFrom,
            EffectiveThrough = VisaLegacyLastMonth,
            Metric = MetricKind.DisputeCountRatio,
            Tiers =
            [
                new("EarlyWarning", "Early warning", TierRole.EarlyWarning, 0.0065m, MinCount: 75),
                new("Standard", "Standard", TierRole.Enforcement, 0.0090m, MinCount: 100),
                new("Excessive", "Excessive", TierRole.Enforcement, 0.0180m, MinCount: 1_000),
            ],
            Fines = new Dictionary<string, FineSchedule>
            {
                ["Standard"] = UsdSchedule(Band(1, 4), Band(5, 9, perDispute), Band(10, null, perDispute, reserve)),
                ["Excessive"] = UsdSchedule(Band(1, 6, perDispute), Band(7, null, perDispute, reserve)),
            }.ToImmutableDictionary(),
            ExitAfterMonthsBelow = 3,
            Counting = p.Counting,
            HighBrandRiskTier = "Excessive",
            DisqualificationAfterMonth = 12,
            Sources = [SquareTables, DesignReference],
        };
    }

    private static ProgramVersion Vfmp(ProgramParameters p) => new()
    {
        Program = MonitoringProgram.VFMP,
        Network = CardNetwork.Visa,
        Name = "Visa Fraud Monitoring Program",
        EffectiveFrom = ModelledFrom,
        EffectiveThrough = VisaLegacyLastMonth,
        Metric = MetricKind.FraudAmountRatio,
        Tiers =
        [
            new("EarlyWarning", "Early warning", TierRole.EarlyWarning, 0.0065m, MinAmount: Usd(50_000m)),
            new("Standard", "Standard", TierRole.Enforcement, 0.0090m, MinAmount: Usd(75_000m)),
            new("Excessive", "Excessive", TierRole.Enforcement, 0.0180m, MinAmount: Usd(250_000m)),
        ],
        Fines = new Dictionary<string, FineSchedule>
        {
            ["Standard"] = UsdSchedule(Band(1, 4), Band(5, 6, Monthly(25_000m)), Band(7, 9, Monthly(50_000m)), Band(10, null, Monthly(75_000m))),
            ["Excessive"] = UsdSchedule(Band(1, 3, Monthly(10_000m)), Band(4, 6, Monthly(25_000m)), Band(7, 9, Monthly(50_000m)), Band(10, null, Monthly(75_000m))),
        }.ToImmutableDictionary(),
        ExitAfterMonthsBelow = 3,
        Counting = p.Counting,
        HighBrandRiskTier = "Excessive",
        DisqualificationAfterMonth = 12,
        Sources = [SquareTables, DesignReference],
    };

    private static IEnumerable<ProgramVersion> Vamp(ProgramParameters p)
    {
        ProgramVersion Version(YearMonth from, YearMonth? through, decimal? ratio, bool fees, string? note) => new()
        {
            Program = MonitoringProgram.VAMP,
            Network = CardNetwork.Visa,
            Name = "Visa Acquirer Monitoring Program (merchant)",
            EffectiveFrom = from,
            EffectiveThrough = through,
            Metric = MetricKind.VampCountRatio,
            Tiers = ratio is { } r
                ? [new("Excessive", "Excessive", TierRole.Enforcement, r, MinCount: p.VampCountMinimum)]
                : [],
            Fines = new Dictionary<string, FineSchedule>
            {
                ["Excessive"] = fees
                    ? UsdSchedule(Band(1, null, new FineComponent($"VAMP fee {p.VampFeePerItem} per fraud report or dispute", p.VampFeePerItem, FineBasis.PerItem)))
                    : FineSchedule.None("USD"),
            }.ToImmutableDictionary(),
            ExitAfterMonthsBelow = 1,
            Note = note,
            Sources = [CheckoutVamp, AntomVamp, DesignReference],
        };

        yield return Version(new(2025, 4), new(2025, 5), null, fees: false,
            "VAMP measures from 2025-04; merchant thresholds apply from 2025-06.");
        yield return Version(new(2025, 6), new(2025, 9), 0.022m, fees: false,
            "Thresholds apply from 2025-06; merchant fees start in 2025-10.");
        yield return Version(new(2025, 10), new(2026, 3), 0.022m, fees: true, null);
        yield return Version(new(2026, 4), null, 0.015m, fees: true, null);
    }

    private static ProgramVersion VampEnumeration() => new()
    {
        Program = MonitoringProgram.VAMPEnumeration,
        Network = CardNetwork.Visa,
        Name = "Visa VAMP enumeration (card testing)",
        EffectiveFrom = new(2025, 4),
        Metric = MetricKind.EnumerationRatio,
        Tiers = [new("Excessive", "Excessive enumeration", TierRole.Enforcement, 0.20m, MinCount: 300_000)],
        Fines = new Dictionary<string, FineSchedule> { ["Excessive"] = FineSchedule.None("USD") }.ToImmutableDictionary(),
        ExitAfterMonthsBelow = 1,
        Note = "Visa applies the enumeration measure to acquirers; shown per merchant as a card-testing signal, no merchant fee.",
        Sources = [DesignReference],
    };

    private static ProgramVersion Ecm(ProgramParameters p)
    {
        var recovery = new FineComponent(
            $"Issuer recovery assessment {p.IssuerRecoveryPerChargeback} per chargeback",
            p.IssuerRecoveryPerChargeback,
            FineBasis.PerItemOver,
            p.IssuerRecoveryOver);
        FineSchedule Schedule(decimal m2, decimal m3, decimal m4To6, decimal m7To11, decimal m12To18, decimal m19On) =>
            MastercardTimeline("USD", Monthly, recovery, m2, m3, m4To6, m7To11, m12To18, m19On);

        return new ProgramVersion
        {
            Program = MonitoringProgram.ECM,
            Network = CardNetwork.Mastercard,
            Name = "Mastercard Excessive Chargeback Program",
            EffectiveFrom = ModelledFrom,
            Metric = MetricKind.ChargebackPreviousMonthRatio,
            Tiers =
            [
                new("ECM", "Excessive Chargeback Merchant (ECM)", TierRole.Enforcement, 0.015m, MinCount: 100),
                new("HECM", "High Excessive Chargeback Merchant (HECM)", TierRole.Enforcement, 0.030m, MinCount: 300),
            ],
            Fines = new Dictionary<string, FineSchedule>
            {
                ["ECM"] = Schedule(1_000m, 1_000m, 5_000m, 25_000m, 50_000m, 100_000m),
                ["HECM"] = Schedule(1_000m, 2_000m, 10_000m, 50_000m, 100_000m, 200_000m),
            }.ToImmutableDictionary(),
            ExitAfterMonthsBelow = p.EcmExitMonthsBelow,
            ExitRequiresRatioBelow = true,
            Counting = p.Counting,
            Sources = [SquareTables, DesignReference],
        };
    }

    private static ProgramVersion Efm(ProgramParameters p)
    {
        static FineComponent Euro(decimal amount) => new($"EFM assessment EUR {amount:N0}", Eur(amount), FineBasis.PerMonth);
        return new ProgramVersion
        {
            Program = MonitoringProgram.EFM,
            Network = CardNetwork.Mastercard,
            Name = "Mastercard Excessive Fraud Merchant",
            EffectiveFrom = ModelledFrom,
            Metric = MetricKind.FraudChargebackPreviousMonthRatio,
            Tiers =
            [
                new("EFM", "Excessive Fraud Merchant", TierRole.Enforcement, 0.005m,
                    MinAmount: Usd(50_000m), MinDenominator: 1_000, MaxThreeDsShare: 0.10m, MaxThreeDsShareInRegulatedMarket: 0.50m),
            ],
            Fines = new Dictionary<string, FineSchedule>
            {
                ["EFM"] = MastercardTimeline("EUR", Euro, fromMonth4: null, 500m, 1_000m, 5_000m, 25_000m, 50_000m, 100_000m),
            }.ToImmutableDictionary(),
            ExitAfterMonthsBelow = 3,
            Counting = p.Counting,
            Sources = [DesignReference],
        };
    }

    /// <summary>Mastercard's month bands (1, 2, 3, 4-6, 7-11, 12-18, 19+), shared by ECM/HECM and EFM; month 1 is free.</summary>
    private static FineSchedule MastercardTimeline(
        string currency, Func<decimal, FineComponent> monthly, FineComponent? fromMonth4,
        decimal m2, decimal m3, decimal m4To6, decimal m7To11, decimal m12To18, decimal m19On)
    {
        FineComponent[] From4(decimal amount) => fromMonth4 is null ? [monthly(amount)] : [monthly(amount), fromMonth4];
        return new(currency,
        [
            Band(1, 1),
            Band(2, 2, monthly(m2)),
            Band(3, 3, monthly(m3)),
            Band(4, 6, From4(m4To6)),
            Band(7, 11, From4(m7To11)),
            Band(12, 18, From4(m12To18)),
            Band(19, null, From4(m19On)),
        ]);
    }

    private static FineSchedule UsdSchedule(params FineBand[] bands) => new("USD", [.. bands]);

    private static FineBand Band(int from, int? through, params FineComponent[] components) => new(from, through, [.. components]);

    private static FineComponent Monthly(decimal usd) => new($"Assessment USD {usd:N0}", Usd(usd), FineBasis.PerMonth);
}
