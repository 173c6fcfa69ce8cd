namespace ActorRisk.Domain.Tests.Cards;

/// <summary>The per-authorization rules of <see cref="CardRiskEngine"/> and how their answers combine.</summary>
public sealed class CardRiskEngineTests
{
    [Fact]
    public void ACleanAuthorizationIsApprovedWithNoRiskSignals()
    {
        var card = new CardScenario();

        var decision = card.Authorize(5_000);

        DecisionAssert.Approved(decision);
        Assert.False(decision.SmallAuthorization);
        Assert.Equal(card.Now, decision.EvaluatedAt);
        var record = Assert.Single(card.State.RecentDecisions);
        Assert.Equal(decision.AuthorizationId, record.AuthorizationId);
        Assert.Equal(RiskAction.Approve, record.Action);
        Assert.Equal([ReasonCodes.NoRiskSignals], record.ReasonCodes.AsEnumerable());
        Assert.Equal(Money.Jpy(5_000), record.Amount);
        Assert.Equal("merchant-1", record.MerchantId);
        Assert.Null(record.IssuerApproved);
    }

    [Fact]
    public void NullArgumentsAreRefused()
    {
        var engine = new CardRiskEngine(new ManualClock(CardScenario.Start));
        var authorization = new CardAuthorization("a", "m", Money.Jpy(1));

        Assert.Throws<ArgumentNullException>(() => engine.Evaluate(null!, authorization, CardVelocityPolicy.Default));
        Assert.Throws<ArgumentNullException>(() => engine.Evaluate(CardRiskState.New, null!, CardVelocityPolicy.Default));
        Assert.Throws<ArgumentNullException>(() => engine.Evaluate(CardRiskState.New, authorization, null!));
        Assert.Throws<ArgumentNullException>(() => CardRiskEngine.RecordOutcome(null!, "a", approved: false));
    }

    [Fact]
    public void EvaluateIsPureAndLeavesTheInputStateAlone()
    {
        var engine = new CardRiskEngine(new ManualClock(CardScenario.Start));
        var state = CardRiskState.New;
        var authorization = new CardAuthorization("a", "m", Money.Jpy(100), CvcProvided: true);

        var first = engine.Evaluate(state, authorization, CardVelocityPolicy.Default);
        var again = engine.Evaluate(state, authorization, CardVelocityPolicy.Default);

        Assert.Same(CardRiskState.New, state);
        Assert.Empty(CardRiskState.New.RecentDecisions);
        Assert.Empty(CardRiskState.New.Activity.Buckets);
        Assert.Equal(first.Decision.Action, again.Decision.Action);
        Assert.Equal(first.Decision.Reasons.AsEnumerable(), again.Decision.Reasons);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public void SmallOnlineAuthWithoutCvcIsChallenged(bool? cvc)
    {
        var card = new CardScenario();

        var decision = card.Authorize(100, cvc: cvc);

        Assert.Equal(RiskAction.Challenge, decision.Action);
        var reason = DecisionAssert.HasReason(decision, ReasonCodes.SmallAuthWithoutCvc, RiskAction.Challenge);
        Assert.Contains("JPY 100", reason.Message, StringComparison.Ordinal);
        Assert.Contains("3-D Secure", reason.Message, StringComparison.Ordinal);
        Assert.Single(decision.Reasons);
    }

    [Fact]
    public void SmallOnlineAuthWithCvcIsNotChallenged()
    {
        var decision = new CardScenario().Authorize(100, cvc: true);

        DecisionAssert.LacksReason(decision, ReasonCodes.SmallAuthWithoutCvc);
        DecisionAssert.Approved(decision);
    }

    [Fact]
    public void LargeOnlineAuthWithoutCvcIsNotAskedForIt()
    {
        DecisionAssert.Approved(new CardScenario().Authorize(101, cvc: null));
    }

    [Fact]
    public void ZeroAmountOnlineVerificationWithoutCvcIsChallenged()
    {
        var decision = new CardScenario().Authorize(0, cvc: false);

        DecisionAssert.HasReason(decision, ReasonCodes.SmallAuthWithoutCvc, RiskAction.Challenge);
    }

    [Theory]
    [InlineData(RiskAction.Approve, RiskAction.Approve)]
    [InlineData(RiskAction.Review, RiskAction.Review)]
    [InlineData(RiskAction.Decline, RiskAction.Decline)]
    public void SmallAuthWithoutCvcActionIsConfigurable(RiskAction configured, RiskAction expected)
    {
        var card = new CardScenario(CardVelocityPolicy.Default with { SmallAuthWithoutCvcAction = configured });

        var decision = card.Authorize(100, cvc: null);

        Assert.Equal(expected, decision.Action);
        if (configured == RiskAction.Approve)
        {
            DecisionAssert.Approved(decision);
        }
        else
        {
            DecisionAssert.HasReason(decision, ReasonCodes.SmallAuthWithoutCvc, configured);
            Assert.Null(decision.CardBlockedUntil);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public void CardPresentSmallNonZeroAuthIsSentToReview(long yen)
    {
        var decision = new CardScenario().Authorize(yen, cvc: null, cardPresent: true);

        Assert.Equal(RiskAction.Review, decision.Action);
        var reason = DecisionAssert.HasReason(decision, ReasonCodes.CardPresentUnitAuthorization, RiskAction.Review);
        Assert.Contains("zero-amount Account Verification", reason.Message, StringComparison.Ordinal);

        // In store there is no security code to ask for.
        DecisionAssert.LacksReason(decision, ReasonCodes.SmallAuthWithoutCvc);
    }

    [Fact]
    public void CardPresentZeroAmountVerificationIsWhatTheBrandsWant()
    {
        var decision = new CardScenario().Authorize(0, cvc: null, cardPresent: true);

        DecisionAssert.Approved(decision);
        Assert.True(decision.SmallAuthorization);
    }

    [Fact]
    public void CardPresentLargeAuthIsNotAUnitAuthorization()
    {
        DecisionAssert.Approved(new CardScenario().Authorize(101, cvc: null, cardPresent: true));
    }

    [Fact]
    public void CardPresentUnitAuthorizationRuleCanBeSwitchedOff()
    {
        var card = new CardScenario(CardVelocityPolicy.Default with { CardPresentUnitAuthorizationAction = RiskAction.Approve });

        DecisionAssert.Approved(card.Authorize(1, cardPresent: true));
    }

    [Fact]
    public void PrepaidIsDeclinedWhereThePolicyRefusesIt()
    {
        var card = new CardScenario(CardVelocityPolicy.Default with { RefusePrepaid = true });

        var decision = card.Authorize(5_000, cardType: CardType.Prepaid);

        Assert.Equal(RiskAction.Decline, decision.Action);
        DecisionAssert.HasReason(decision, ReasonCodes.PrepaidRefused, RiskAction.Decline);
        Assert.Single(decision.Reasons);

        // Refusing an instrument is not a velocity finding: the card is not blocked.
        Assert.Null(decision.CardBlockedUntil);
        Assert.Null(card.State.Block);
    }

    [Theory]
    [InlineData(CardType.Credit)]
    [InlineData(CardType.Debit)]
    [InlineData(CardType.Unknown)]
    public void OtherCardTypesPassWherePrepaidIsRefused(CardType type)
    {
        var card = new CardScenario(CardVelocityPolicy.Default with { RefusePrepaid = true });

        DecisionAssert.Approved(card.Authorize(5_000, cardType: type));
    }

    [Fact]
    public void PrepaidIsAcceptedByDefault()
    {
        Assert.False(CardVelocityPolicy.Default.RefusePrepaid);
        DecisionAssert.Approved(new CardScenario().Authorize(5_000, cardType: CardType.Prepaid));
    }

    [Theory]
    [InlineData("RU")]
    [InlineData("ru")]
    [InlineData("Kp")]
    public void HighRiskIssuerCountryIsSentToReview(string country)
    {
        var card = new CardScenario(CardVelocityPolicy.Default with { HighRiskIssuerCountries = ["RU", "KP"] });

        var decision = card.Authorize(5_000, issuerCountry: country);

        Assert.Equal(RiskAction.Review, decision.Action);
        var reason = DecisionAssert.HasReason(decision, ReasonCodes.HighRiskIssuerCountry, RiskAction.Review);
        Assert.Contains(country.ToUpperInvariant(), reason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("JP")]
    [InlineData(null)]
    public void OtherIssuerCountriesPass(string? country)
    {
        var card = new CardScenario(CardVelocityPolicy.Default with { HighRiskIssuerCountries = ["RU", "KP"] });

        DecisionAssert.Approved(card.Authorize(5_000, issuerCountry: country));
    }

    [Fact]
    public void HighRiskIssuerCountryActionIsConfigurable()
    {
        var declining = new CardScenario(CardVelocityPolicy.Default with
        {
            HighRiskIssuerCountries = ["RU"],
            HighRiskIssuerCountryAction = RiskAction.Decline,
        });
        var off = new CardScenario(CardVelocityPolicy.Default with
        {
            HighRiskIssuerCountries = ["RU"],
            HighRiskIssuerCountryAction = RiskAction.Approve,
        });

        Assert.Equal(RiskAction.Decline, declining.Authorize(5_000, issuerCountry: "RU").Action);
        Assert.Null(declining.State.Block);
        DecisionAssert.Approved(off.Authorize(5_000, issuerCountry: "RU"));
    }

    [Fact]
    public void WhenDeclineChallengeAndReviewAllMatchTheAnswerIsDeclineWithReasonsMostSevereFirst()
    {
        var card = new CardScenario(CardVelocityPolicy.Default with
        {
            RefusePrepaid = true,
            HighRiskIssuerCountries = ["RU"],
        });

        var decision = card.Authorize(50, cvc: null, cardType: CardType.Prepaid, issuerCountry: "RU");

        Assert.Equal(RiskAction.Decline, decision.Action);
        Assert.Equal(
            [ReasonCodes.PrepaidRefused, ReasonCodes.SmallAuthWithoutCvc, ReasonCodes.HighRiskIssuerCountry],
            DecisionAssert.Codes(decision));
        Assert.Equal([RiskAction.Decline, RiskAction.Challenge, RiskAction.Review], decision.Reasons.Select(r => r.Action));
        Assert.Equal(DecisionAssert.Codes(decision), card.State.RecentDecisions[0].ReasonCodes.AsEnumerable());
        Assert.Equal(RiskAction.Decline, card.State.RecentDecisions[0].Action);
    }

    [Fact]
    public void ChallengeBeatsReview()
    {
        var card = new CardScenario(CardVelocityPolicy.Default with { HighRiskIssuerCountries = ["RU"] });

        var decision = card.Authorize(50, cvc: false, issuerCountry: "RU");

        Assert.Equal(RiskAction.Challenge, decision.Action);
        Assert.Equal([ReasonCodes.SmallAuthWithoutCvc, ReasonCodes.HighRiskIssuerCountry], DecisionAssert.Codes(decision));
    }

    [Fact]
    public void VelocityDeclineComesBeforeThePolicyChallenge()
    {
        var card = new CardScenario();
        card.Authorize(100);
        card.Authorize(100);

        var third = card.Authorize(100, cvc: null);

        Assert.Equal(RiskAction.Decline, third.Action);
        Assert.Equal([ReasonCodes.SmallAuthBurst, ReasonCodes.SmallAuthWithoutCvc], DecisionAssert.Codes(third));
    }

    [Fact]
    public void ActionIsAlwaysTheMostSevereReason()
    {
        var random = new Random(7);
        var card = new CardScenario(CardVelocityPolicy.Default with { HighRiskIssuerCountries = ["RU"], RefusePrepaid = true });
        var seen = new HashSet<RiskAction>();
        var blocks = 0;
        for (var i = 0; i < 300; i++)
        {
            card.Advance(TimeSpan.FromSeconds(random.Next(1, 900)));
            var decision = card.Authorize(
                random.Next(3) == 0 ? random.Next(0, 101) : random.Next(101, 30_000),
                merchant: $"m{random.Next(8)}",
                cvc: random.Next(3) switch { 0 => null, 1 => false, _ => true },
                cardPresent: random.Next(4) == 0,
                cardType: (CardType)random.Next(4),
                issuerCountry: random.Next(5) == 0 ? "RU" : "JP");
            if (random.Next(4) == 0)
            {
                card.Outcome(decision.AuthorizationId, approved: false);
            }

            Assert.NotEmpty(decision.Reasons);
            Assert.Equal(decision.Reasons.Max(r => r.Action), decision.Action);
            Assert.Equal(decision.Reasons.OrderByDescending(r => r.Action).Select(r => r.Code), DecisionAssert.Codes(decision));
            Assert.Equal(decision.Reasons.Length, decision.Reasons.Select(r => r.Code).Distinct().Count());
            Assert.Equal(decision.Action == RiskAction.Approve, DecisionAssert.Codes(decision) is [ReasonCodes.NoRiskSignals]);
            Assert.Equal(card.State.IsBlocked(card.Now), decision.CardBlockedUntil is not null);
            seen.Add(decision.Action);
            blocks += decision.CardBlockedUntil is null ? 0 : 1;

            if (random.Next(40) == 0)
            {
                card.State = CardRiskEngine.Unblock(card.State);
            }
        }

        Assert.Equal(Enum.GetValues<RiskAction>(), seen.Order());
        Assert.True(blocks > 0);
    }

    [Fact]
    public void AFutureTimestampBeyondTheClockSkewIsReplacedByTheClock()
    {
        var card = new CardScenario();

        var decision = card.Authorize(5_000, timestamp: card.Now + TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        Assert.Equal(card.Now, decision.EvaluatedAt);
        Assert.Equal(card.Now, card.State.RecentDecisions[0].At);
        Assert.Equal(card.Now, card.State.Activity.LatestEventAt);
    }

    [Fact]
    public void AFutureTimestampWithinTheClockSkewIsKept()
    {
        var card = new CardScenario();
        var stamped = card.Now + CardVelocityPolicy.Default.MaxClockSkew;

        var decision = card.Authorize(5_000, timestamp: stamped);

        Assert.Equal(stamped, decision.EvaluatedAt);
        Assert.Equal(stamped, card.State.RecentDecisions[0].At);
    }

    [Fact]
    public void ClockSkewFollowsThePolicy()
    {
        var card = new CardScenario(CardVelocityPolicy.Default with { MaxClockSkew = TimeSpan.Zero });

        var decision = card.Authorize(5_000, timestamp: card.Now + TimeSpan.FromSeconds(1));

        Assert.Equal(card.Now, decision.EvaluatedAt);
    }

    [Fact]
    public void FarFutureTimestampsCannotDodgeTheBurstLimit()
    {
        // A tester stamping each attempt a day apart in the future is judged on the engine's clock.
        var card = new CardScenario();

        card.Authorize(100, timestamp: card.Now + TimeSpan.FromDays(1));
        card.Authorize(100, timestamp: card.Now + TimeSpan.FromDays(2));
        var third = card.Authorize(100, timestamp: card.Now + TimeSpan.FromDays(3));

        DecisionAssert.HasReason(third, ReasonCodes.SmallAuthBurst, RiskAction.Decline);
    }

    [Fact]
    public void ALateAuthorizationIsJudgedAtTheLatestTimeSeenAndRecordedAtItsOwn()
    {
        var card = new CardScenario();
        card.Authorize(5_000);
        card.Advance(TimeSpan.FromMinutes(5));
        var latest = card.Now;
        card.Authorize(5_000);

        card.Advance(TimeSpan.FromMinutes(1));
        var late = card.Authorize(5_000, timestamp: latest - TimeSpan.FromMinutes(4));

        Assert.Equal(latest, late.EvaluatedAt);
        Assert.Equal(latest - TimeSpan.FromMinutes(4), card.State.RecentDecisions[0].At);
        Assert.Equal(latest, card.State.Activity.LatestEventAt);
    }

    [Fact]
    public void LateSmallAuthsThatReallyFormedABurstAreCaught()
    {
        var card = new CardScenario();
        var t0 = card.Now;
        card.At(t0.AddMinutes(10));
        card.Authorize(100, timestamp: t0.AddMinutes(8));
        card.Authorize(100, timestamp: t0.AddMinutes(2));

        // Delivered out of order, but all three happened within ten minutes.
        var third = card.Authorize(100, timestamp: t0.AddMinutes(5));

        DecisionAssert.HasReason(third, ReasonCodes.SmallAuthBurst, RiskAction.Decline);
        Assert.Equal(t0.AddMinutes(8), third.EvaluatedAt);
    }

    [Fact]
    public void FiveDistinctMerchantsWithinAnHourAreSentToReview()
    {
        var card = new CardScenario();
        for (var i = 1; i <= 4; i++)
        {
            DecisionAssert.Approved(card.Authorize(5_000, merchant: $"shop-{i}"));
            card.Advance(TimeSpan.FromMinutes(10));
        }

        var fifth = card.Authorize(5_000, merchant: "shop-5");

        Assert.Equal(RiskAction.Review, fifth.Action);
        DecisionAssert.HasReason(fifth, ReasonCodes.DistinctMerchantsHourly, RiskAction.Review);
        Assert.Null(fifth.CardBlockedUntil);
    }

    [Fact]
    public void TheSameMerchantFiveTimesIsOneMerchant()
    {
        var card = new CardScenario();
        for (var i = 0; i < 5; i++)
        {
            DecisionAssert.Approved(card.Authorize(5_000, merchant: "shop-1"));
        }
    }

    [Fact]
    public void FiveMerchantsSpreadOverMoreThanAnHourAreNotReviewed()
    {
        var card = new CardScenario();
        for (var i = 1; i <= 5; i++)
        {
            DecisionAssert.Approved(card.Authorize(5_000, merchant: $"shop-{i}"));
            card.Advance(TimeSpan.FromMinutes(16));
        }
    }

    [Fact]
    public void TenAttemptsWithinAnHourAreSentToReview()
    {
        var card = new CardScenario();
        for (var i = 0; i < 9; i++)
        {
            DecisionAssert.Approved(card.Authorize(5_000));
            card.Advance(TimeSpan.FromMinutes(6));
        }

        var tenth = card.Authorize(5_000);

        Assert.Equal(RiskAction.Review, tenth.Action);
        DecisionAssert.HasReason(tenth, ReasonCodes.AttemptsHourly, RiskAction.Review);
    }

    [Fact]
    public void RecentDecisionsAreCappedAndNewestFirst()
    {
        var card = new CardScenario();
        var ids = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            card.Authorize(5_000);
            ids.Add(card.LastId);
            card.Advance(TimeSpan.FromMinutes(7));
        }

        Assert.Equal(CardVelocityPolicy.Default.RecentDecisionsKept, card.State.RecentDecisions.Length);
        Assert.Equal(Enumerable.Reverse(ids).Take(20), card.State.RecentDecisions.Select(d => d.AuthorizationId));
        Assert.Null(card.State.FindDecision(ids[0]));
        Assert.NotNull(card.State.FindDecision(ids[^1]));
    }

    [Fact]
    public void RecentDecisionsKeptFollowsThePolicy()
    {
        var card = new CardScenario(CardVelocityPolicy.Default with { RecentDecisionsKept = 3 });
        for (var i = 0; i < 5; i++)
        {
            card.Authorize(5_000);
        }

        Assert.Equal(["auth-0005", "auth-0004", "auth-0003"], card.State.RecentDecisions.Select(d => d.AuthorizationId));
    }

    [Fact]
    public void DisabledLimitsAreIgnored()
    {
        var policy = CardVelocityPolicy.Default with
        {
            Limits = [.. CardVelocityPolicy.Default.Limits.Select(l => l with { Enabled = false })],
            DeclineRate = CardVelocityPolicy.Default.DeclineRate! with { Enabled = false },
        };
        var card = new CardScenario(policy);

        for (var i = 0; i < 12; i++)
        {
            DecisionAssert.Approved(card.Authorize(100, merchant: $"shop-{i}"));
            card.Outcome(card.LastId, approved: false);
        }
    }
}
