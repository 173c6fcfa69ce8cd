namespace ActorRisk.Grains.Tests.Samples;

/// <summary>
/// Domain values with something in every part, made by the domain itself (ledger, evaluator, projector, engine) so they
/// look like what grains really carry: a round trip that dropped a field would show.
/// </summary>
public static class DomainSamples
{
    public static readonly DateTimeOffset At = new(2026, 6, 14, 9, 30, 0, TimeSpan.Zero);

    public static readonly YearMonth May = new(2026, 5);

    public static readonly YearMonth June = new(2026, 6);

    public static readonly ExchangeRateTable Rates = new(new Dictionary<string, decimal> { ["EUR"] = 1.08m, ["JPY"] = 0.0064m });

    public static readonly ProgramRulebook Rulebook = ProgramRulebook.Standard();

    public static MerchantProfile Profile { get; } = new("m-1", "5967", HighBrandRisk: true, RegulatedMarket: true);

    /// <summary>May: enough disputes and fraud to put the merchant into programs when it closes.</summary>
    public static MerchantMonthLedger MayLedger { get; } = MerchantMonthLedger.Open(May, 10)
        .AddSales(CardNetwork.Visa, 2_000, Money.Usd(100_000m), cardPresent: false, Rates, threeDsAuthenticated: 300)
        .AddSales(CardNetwork.Mastercard, 1_500, Money.Eur(60_000m), cardPresent: true, Rates)
        .AddDispute(CardNetwork.Visa, Money.Usd(80m), fraud: true, "card-1", Rates, resolvedByRdr: true)
        .AddDispute(CardNetwork.Mastercard, Money.Eur(45m), fraud: false, cardToken: null, Rates)
        .AddFraudReport(CardNetwork.Visa, Money.Usd(1_500m), Rates, compellingEvidence: true)
        .AddAuthorizations(CardNetwork.Visa, 900, 40);

    public static MerchantMonthLedger JuneLedger { get; } = MerchantMonthLedger.Open(June, 10)
        .AddSales(CardNetwork.Visa, 120, Money.Jpy(90_000), cardPresent: true, Rates)
        .AddDispute(CardNetwork.Visa, Money.Usd(30m), fraud: true, "card-2", Rates)
        .AddAuthorizations(CardNetwork.Mastercard, 300, 12);

    public static MerchantMonthOutcome MayClose { get; } =
        new MerchantMonthEvaluator(Rulebook).Close(Profile, MayLedger.Totals, MerchantMonthTotals.Empty(May.Previous()), MerchantProgramState.New);

    /// <summary>May's program results, the first with a fine (a first month in a program is not fined yet).</summary>
    public static ImmutableArray<ProgramMonthResult> MayResults { get; } = MayClose.Programs.SetItem(0, MayClose.Programs[0] with
    {
        Fine = Money.Usd(25_000m),
        FineLines = [new FineLine("Monthly fine (month 2)", Money.Usd(25_000m))],
    });

    public static ImmutableArray<ProgramProjection> JuneProjection { get; } =
        new MonthProjector(Rulebook, new ManualClock(At)).Project(Profile, JuneLedger.Totals, MayLedger.Totals);

    public static CardAuthorization Authorization { get; } = new(
        "auth-1", "m-1", Money.Eur(0.5m), At, CardPresent: false, CvcProvided: false, IsVerification: false, CardType.Prepaid, "5967", "BR");

    public static CardVelocityPolicy Policy { get; } = CardVelocityPolicy.Default;

    /// <summary>A card after a few authorizations (one declined by its issuer) and an operator's block.</summary>
    public static CardRiskState Risk { get; } = MakeRisk();

    public static CardDecision Decision { get; } = new CardRiskEngine(new ManualClock(At)).Evaluate(CardRiskState.New, Authorization, Policy).Decision;

    public static MerchantSuspension Suspension { get; } = new("Card testing under investigation", "ops@acquirer", At);

    public static CardPolicyBook Book { get; } = CardPolicyBook.Standard
        .WithMerchantOverride("m-1", new CardPolicyOverride
        {
            SmallAmountThresholds = ImmutableDictionary<string, long>.Empty.Add("JPY", 300),
            Limits = [new VelocityLimit("small_auth_burst", VelocityMetric.SmallAuthorizations, TimeSpan.FromMinutes(5), 2, RiskAction.Decline, TimeSpan.FromHours(12))],
            DeclineRate = new DeclineRateLimit(TimeSpan.FromHours(2), 4, 0.4m, RiskAction.Review, null),
            SmallAuthWithoutCvcAction = RiskAction.Decline,
            CardPresentUnitAuthorizationAction = RiskAction.Challenge,
            RefusePrepaid = true,
            HighRiskIssuerCountries = ["BR", "NG"],
        })
        .WithMccOverride("5967", new CardPolicyOverride { RefusePrepaid = true })
        .WithSuspension("m-2", Suspension);

    private static CardRiskState MakeRisk()
    {
        var clock = new ManualClock(At);
        var engine = new CardRiskEngine(clock);
        var state = CardRiskState.New;
        for (var i = 0; i < 4; i++)
        {
            state = engine.Evaluate(state, Authorization with { AuthorizationId = $"auth-{i}", MerchantId = $"m-{i}", Timestamp = null }, Policy).State;
            clock.Advance(TimeSpan.FromMinutes(3));
        }

        state = CardRiskEngine.RecordOutcome(state, "auth-1", approved: false);
        return engine.Block(state, "Reported stolen", "ops@bank", At + TimeSpan.FromDays(2));
    }
}
