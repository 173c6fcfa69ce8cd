namespace ActorRisk.Domain.Tests.Cards;

/// <summary>
/// One card, one engine and a hand-moved clock: the state is threaded through every call so a test reads
/// as the sequence of authorizations a gateway would send.
/// </summary>
internal sealed class CardScenario
{
    /// <summary>A Monday, on a whole minute, so minute-bucket arithmetic in the tests stays readable.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private int sequence;

    public CardScenario(CardVelocityPolicy? policy = null, DateTimeOffset? start = null)
    {
        Clock = new ManualClock(start ?? Start);
        Engine = new CardRiskEngine(Clock);
        Policy = policy ?? CardVelocityPolicy.Default;
    }

    public ManualClock Clock { get; }

    public CardRiskEngine Engine { get; }

    public CardVelocityPolicy Policy { get; set; }

    public CardRiskState State { get; set; } = CardRiskState.New;

    public DateTimeOffset Now => Clock.Now;

    public string LastId { get; private set; } = string.Empty;

    public void Advance(TimeSpan by) => Clock.Advance(by);

    public void At(DateTimeOffset instant) => Clock.Set(instant);

    public CardDecision Authorize(CardAuthorization authorization)
    {
        var evaluation = Engine.Evaluate(State, authorization, Policy);
        State = evaluation.State;
        LastId = authorization.AuthorizationId;
        Assert.Equal(authorization.AuthorizationId, evaluation.Decision.AuthorizationId);
        return evaluation.Decision;
    }

    /// <summary>An online authorization with the security code: the cleanest possible request.</summary>
    public CardDecision Authorize(
        long amount,
        string currency = "JPY",
        string merchant = "merchant-1",
        bool? cvc = true,
        bool cardPresent = false,
        CardType cardType = CardType.Credit,
        string? issuerCountry = null,
        DateTimeOffset? timestamp = null,
        string? mcc = null,
        string? id = null) =>
        Authorize(new CardAuthorization(
            id ?? NextId(),
            merchant,
            new Money(amount, currency),
            timestamp,
            cardPresent,
            cvc,
            CardType: cardType,
            Mcc: mcc,
            IssuerCountry: issuerCountry));

    public void Outcome(string authorizationId, bool approved) =>
        State = CardRiskEngine.RecordOutcome(State, authorizationId, approved);

    public string NextId() => $"auth-{++sequence:D4}";
}
