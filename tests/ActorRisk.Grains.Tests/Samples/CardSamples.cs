using ActorRisk.Grains.Cards;
using ActorRisk.Grains.Idempotency;
using static ActorRisk.Grains.Tests.Samples.DomainSamples;

namespace ActorRisk.Grains.Tests.Samples;

/// <summary>Card and policy messages and states, every serialized field set (enums off their zero value).</summary>
public static class CardSamples
{
    public static AuthorizationRequest Request { get; } = new(Authorization, "4242", CardNetwork.Mastercard) { PreviousCardTokens = ["tok_card-1-original-key"] };

    public static AuthorizationDecision Decided { get; } = new(
        "auth-1", "card-1", "4242", RiskAction.Challenge, Decision.Reasons, CardBlocked: true, At + TimeSpan.FromHours(24), At, SmallAuthorization: true, Replayed: true);

    public static CardDecisionEvent DecisionEvent { get; } = new("card-1", "4242", "m-1", Money.Eur(0.5m), Decided);

    public static AnsweredRequest<AuthorizationDecision> AnsweredAuthorization { get; } = new("authorization", "auth-1", "fp-1", At, Decided);

    public static MerchantLockdown Lockdown { get; } = new("m-3", At + TimeSpan.FromHours(24));

    public static IEnumerable<object> All =>
    [
        Request,
        Decided,
        new AuthorizationOutcome("auth-1", Approved: true, "05"),
        new OutcomeResult("auth-1", Recorded: true, KnownAuthorization: true),
        new CardBlockCommand("Reported stolen", "ops@bank", At + TimeSpan.FromDays(1)),
        new CounterWindow("10m", 4, 3, 1, 2),
        new CardSnapshot("card-1", "4242", Blocked: true, Risk.Block, [new CounterWindow("1h", 4, 3, 1, 4)], Risk.RecentDecisions, At),
        DecisionEvent,
        new CardDecisionBatch([DecisionEvent], Dropped: 7),
        new MerchantSuspensionCommand("m-2", Suspension),
        new IdempotencyConflictException("auth-1"),
        AnsweredAuthorization,
        new CardGrainState { Risk = Risk, Last4 = "4242", Answered = [AnsweredAuthorization], MovedTo = "tok_k2_card-1", FormerTokens = ["tok_card-1"] },
        Lockdown,
        new PolicySnapshot(4, Book, [Lockdown]),
        new PolicyGrainState { Book = Book, Revision = 4, Lockdowns = [Lockdown] },
    ];
}
