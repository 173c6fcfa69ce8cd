using ActorRisk.Grains.Idempotency;
using ActorRisk.Grains.Merchants;
using static ActorRisk.Grains.Tests.Samples.DomainSamples;

namespace ActorRisk.Grains.Tests.Samples;

/// <summary>Merchant messages and states, every serialized field set (enums off their zero value).</summary>
public static class MerchantSamples
{
    public static MerchantEvent Dispute { get; } = new(
        MerchantEventKind.Dispute, "d-1", CardNetwork.Mastercard, At, Money.Eur(45m), Count: 2, CardPresent: true, ThreeDsAuthenticated: 1,
        "4853", Fraud: true, "card-1", ResolvedByRdr: true, CompellingEvidence: true);

    public static IngestionReceipt Receipt { get; } = new(MerchantEventKind.FraudReport, "f-1", "m-1", June, Late: true, Money.Usd(48.6m), At, Replayed: true);

    public static ClosedMonth Closed { get; } = new(May, MayLedger.Totals, MayResults, At, Imported: true);

    /// <summary>Every optional part set, in three currencies.</summary>
    public static ReportedMonth Reported { get; } = new()
    {
        Month = May,
        Network = CardNetwork.Mastercard,
        SalesCount = 10_000,
        SalesAmount = Money.Eur(500_000m),
        CardNotPresentSalesCount = 9_000,
        CardNotPresentSalesAmount = Money.Eur(450_000m),
        ThreeDsAuthenticatedCount = 4_000,
        DisputeCount = 120,
        CountableDisputeCount = 110,
        DisputeAmount = Money.Usd(6_000m),
        FraudDisputeCount = 40,
        FraudDisputeAmount = Money.Usd(2_000m),
        RdrResolvedDisputeCount = 5,
        FraudReportCount = 30,
        FraudReportAmount = Money.Jpy(300_000),
        CompellingEvidenceFraudReportCount = 2,
        AuthorizationCount = 12_000,
        EnumeratedAuthorizationCount = 300,
    };

    public static HistoryRowOutcome RefusedRow { get; } = new(May, CardNetwork.Mastercard, HistoryRowStatus.Refused, new RecordProblem(RecordProblemKind.Conflict, "month", "imported before with other totals"));

    public static ImportedMonth Imported { get; } = new(May, CardNetwork.Mastercard, Reported.ToTotals(Rates), "fp-4", At);

    public static LateRecords Late { get; } = new(May, 1, 2, 3);

    public static CardTestingStatus CardTesting { get; } = new(12, TimeSpan.FromMinutes(10), 10, At + TimeSpan.FromHours(24), LockedDown: true);

    public static MerchantAlert Alert { get; } = new("m-1:ProjectedOver:VAMP:2026-06", "m-1", MerchantAlertKind.ProjectedOver, MonitoringProgram.VAMP, June, At, "VAMP: at the current pace 2026-06 ends over the entry thresholds.");

    public static ProgramSummary Summary { get; } = new(MonitoringProgram.VFMP, ProgramStatus.Enforcement, "standard", 2, 0.012m, 0.018m, WarningLevel.Over);

    public static NetworkAuthorizations NetworkCounts { get; } = new(CardNetwork.Mastercard, 5, 2);

    public static SmallAuthorizationMinute Minute { get; } = new(At.ToUnixTimeSeconds() / 60, [17u, 42u]);

    public static IEnumerable<object> All =>
    [
        MerchantEventKind.FraudReport,
        MerchantAlertKind.CardTesting,
        Dispute,
        Receipt,
        new IngestionConflictException(MerchantEventKind.Dispute, "d-1"),
        new MerchantEventRejectedException("currency", "No USD rate is configured for CHF."),
        new MonthCloseResult("m-1", May, [May], AlreadyClosed: true),
        new RecordOutcome(Receipt, new RecordProblem(RecordProblemKind.Conflict, "disputeId", "reused")), // both set only to exercise every field
        new RecordProblem(RecordProblemKind.Rejected, "currency", "No USD rate is configured for CHF."),
        RecordProblemKind.Rejected,
        new MerchantProfileUpdate("5967", HighBrandRisk: true, RegulatedMarket: true),
        Closed,
        Late,
        new MerchantSnapshot("m-1", Profile, June, JuneLedger.Totals, MayLedger.Totals, May, MayClose.State, Closed, JuneProjection, [Closed], [Late], CardTesting, Known: true),
        CardTesting,
        Alert,
        new AuthorizationActivity("silo-1-7:m-1", At, [NetworkCounts], [17u, 42u]),
        NetworkCounts,
        new MerchantSummary
        {
            MerchantId = "m-1",
            Month = June,
            LastClosedMonth = May,
            RiskScore = 7.1234m,
            Programs = [Summary],
            FinesToDateUsd = Money.Usd(25_000m),
            PendingAlerts = [Alert],
        },
        Summary,
        new AnsweredRequest<IngestionReceipt>("fraud-report", "f-1", "fp-2", At, Receipt),
        new AnsweredRequest<bool>(MerchantGrain.ActivityScope, "silo-1-7:m-1", "fp-3", At, true),
        new MerchantGrainState
        {
            Profile = Profile,
            OpenMonths = [JuneLedger],
            Late = [Late],
            CardTesting = new CardTestingWatch([Minute], At + TimeSpan.FromHours(24)),
            Answered = [new AnsweredRequest<IngestionReceipt>("fraud-report", "f-1", "fp-2", At, Receipt)],
            ActivityBatches = [new AnsweredRequest<bool>(MerchantGrain.ActivityScope, "silo-1-7:m-1", "fp-3", At, true)],
        },
        new CardTestingWatch([Minute], At + TimeSpan.FromHours(24)),
        Minute,
        new MerchantHistoryState { Programs = MayClose.State, Months = [Closed], Imported = [Imported], FirstLiveMonth = June },
        Reported,
        new HistoryImport([Reported], Replace: true, AllOrNothing: true),
        HistoryRowStatus.Refused,
        RefusedRow,
        new HistoryImportResult([RefusedRow], [May], new MerchantSnapshot("m-1", Profile, June, JuneLedger.Totals, MayLedger.Totals, May, MayClose.State, Closed, JuneProjection, [Closed], [Late], CardTesting, Known: true)),
        Imported,
    ];
}
