namespace ActorRisk.Domain.Tests.Cards;

/// <summary><see cref="CardPolicyOverride.ApplyTo"/> and <see cref="CardPolicyBook.Resolve"/>: default, then MCC, then merchant.</summary>
public sealed class CardPolicyBookTests
{
    private static readonly CardVelocityPolicy Default = CardVelocityPolicy.Default;

    private static ImmutableDictionary<string, long> Thresholds(params (string Currency, long Minor)[] entries) =>
        entries.ToImmutableDictionary(e => e.Currency, e => e.Minor, StringComparer.Ordinal);

    private static VelocityLimit Limit(CardVelocityPolicy policy, string code) => Assert.Single(policy.Limits, l => l.Code == code);

    [Fact]
    public void AnEmptyOverrideChangesNothing()
    {
        var applied = new CardPolicyOverride().ApplyTo(Default);

        Assert.Equal(Default.SmallAmountThresholds, applied.SmallAmountThresholds);
        Assert.Equal(Default.Limits.AsEnumerable(), applied.Limits);
        Assert.Equal(Default.DeclineRate, applied.DeclineRate);
        Assert.Equal(Default.SmallAuthWithoutCvcAction, applied.SmallAuthWithoutCvcAction);
        Assert.Equal(Default.CardPresentUnitAuthorizationAction, applied.CardPresentUnitAuthorizationAction);
        Assert.Equal(Default.RefusePrepaid, applied.RefusePrepaid);
        Assert.Same(Default.HighRiskIssuerCountries, applied.HighRiskIssuerCountries);
    }

    [Fact]
    public void ThresholdsMergePerCurrency()
    {
        var applied = new CardPolicyOverride { SmallAmountThresholds = Thresholds(("JPY", 300), ("CHF", 50)) }.ApplyTo(Default);

        Assert.Equal(300, applied.SmallAmountThreshold("JPY"));
        Assert.Equal(50, applied.SmallAmountThreshold("CHF"));
        Assert.Equal(100, applied.SmallAmountThreshold("USD"));
        Assert.Equal(1_000, applied.SmallAmountThreshold("KRW"));
        Assert.Equal(100, Default.SmallAmountThreshold("JPY"));
        Assert.Equal(100, Default.SmallAmountThreshold("CHF"));
    }

    [Fact]
    public void AnOverrideLimitWithTheSameCodeReplacesTheBaseOneInPlace()
    {
        var stricter = new VelocityLimit(ReasonCodes.SmallAuthBurst, VelocityMetric.SmallAuthorizations, TimeSpan.FromMinutes(30), 2, RiskAction.Decline, TimeSpan.FromDays(3));

        var applied = new CardPolicyOverride { Limits = [stricter] }.ApplyTo(Default);

        Assert.Equal(Default.Limits.Length, applied.Limits.Length);
        Assert.Equal(stricter, applied.Limits[0]);
        Assert.Equal(Default.Limits.Skip(1), applied.Limits.Skip(1));
    }

    [Fact]
    public void DisablingALimitByCodeSwitchesItOff()
    {
        var burst = Default.Limits.Single(l => l.Code == ReasonCodes.SmallAuthBurst);
        var policy = new CardPolicyOverride { Limits = [burst with { Enabled = false }] }.ApplyTo(Default);
        var card = new CardScenario(policy);

        Assert.False(Limit(policy, ReasonCodes.SmallAuthBurst).Enabled);
        for (var i = 0; i < 5; i++)
        {
            DecisionAssert.Approved(card.Authorize(100));
        }
    }

    [Fact]
    public void ANewCodeAddsALimit()
    {
        var declines = new VelocityLimit("issuer_declines_hourly", VelocityMetric.IssuerDeclines, TimeSpan.FromHours(1), 3, RiskAction.Review);

        var applied = new CardPolicyOverride { Limits = [declines] }.ApplyTo(Default);

        Assert.Equal(Default.Limits.Length + 1, applied.Limits.Length);
        Assert.Equal(declines, applied.Limits[^1]);
        Assert.Equal(Default.Limits.AsEnumerable(), applied.Limits.Take(Default.Limits.Length));
        Assert.Empty(applied.Validate());
    }

    [Fact]
    public void ReplacingAndAddingInOneOverride()
    {
        var daily = Default.Limits.Single(l => l.Code == ReasonCodes.SmallAuthDaily) with { Threshold = 4 };
        var added = new VelocityLimit("attempts_daily", VelocityMetric.Attempts, TimeSpan.FromHours(24), 50, RiskAction.Review);

        var applied = new CardPolicyOverride { Limits = [added, daily] }.ApplyTo(Default);

        Assert.Equal(
            [ReasonCodes.SmallAuthBurst, ReasonCodes.SmallAuthDaily, ReasonCodes.AttemptsHourly, ReasonCodes.DistinctMerchantsHourly, "attempts_daily"],
            applied.Limits.Select(l => l.Code));
        Assert.Equal(4, Limit(applied, ReasonCodes.SmallAuthDaily).Threshold);
    }

    [Fact]
    public void ScalarFieldsOverrideOnlyWhenSet()
    {
        var rate = new DeclineRateLimit(TimeSpan.FromHours(24), 10, 0.3m, RiskAction.Review);
        var applied = new CardPolicyOverride
        {
            DeclineRate = rate,
            SmallAuthWithoutCvcAction = RiskAction.Decline,
            CardPresentUnitAuthorizationAction = RiskAction.Approve,
            RefusePrepaid = true,
            HighRiskIssuerCountries = ["NG"],
        }.ApplyTo(Default);

        Assert.Equal(rate, applied.DeclineRate);
        Assert.Equal(RiskAction.Decline, applied.SmallAuthWithoutCvcAction);
        Assert.Equal(RiskAction.Approve, applied.CardPresentUnitAuthorizationAction);
        Assert.True(applied.RefusePrepaid);
        Assert.Equal(["NG"], applied.HighRiskIssuerCountries);
        Assert.Equal(Default.MaxClockSkew, applied.MaxClockSkew);
        Assert.Equal(Default.RecentDecisionsKept, applied.RecentDecisionsKept);
    }

    [Fact]
    public void StandardBookResolvesToTheDefaultPolicy()
    {
        Assert.Same(CardVelocityPolicy.Default, CardPolicyBook.Standard.Resolve("any-merchant", "5411"));
        Assert.Same(CardVelocityPolicy.Default, CardPolicyBook.Standard.Resolve("any-merchant", null));
    }

    [Fact]
    public void MerchantOverrideBeatsMccOverrideWhichBeatsTheDefault()
    {
        var book = CardPolicyBook.Standard
            .WithMccOverride("5541", new CardPolicyOverride { SmallAmountThresholds = Thresholds(("JPY", 500)), RefusePrepaid = true })
            .WithMerchantOverride("station-42", new CardPolicyOverride { SmallAmountThresholds = Thresholds(("JPY", 10)) });

        var merchantAndMcc = book.Resolve("station-42", "5541");
        var mccOnly = book.Resolve("station-7", "5541");
        var merchantOnly = book.Resolve("station-42", null);
        var neither = book.Resolve("station-7", "5411");

        Assert.Equal(10, merchantAndMcc.SmallAmountThreshold("JPY"));
        Assert.True(merchantAndMcc.RefusePrepaid); // not set by the merchant: the MCC's value shows through
        Assert.Equal(500, mccOnly.SmallAmountThreshold("JPY"));
        Assert.True(mccOnly.RefusePrepaid);
        Assert.Equal(10, merchantOnly.SmallAmountThreshold("JPY"));
        Assert.False(merchantOnly.RefusePrepaid);
        Assert.Equal(100, neither.SmallAmountThreshold("JPY"));
        Assert.False(neither.RefusePrepaid);
    }

    [Fact]
    public void AMerchantCanSwitchBackOffWhatItsMccTurnedOn()
    {
        var book = CardPolicyBook.Standard
            .WithMccOverride("6051", new CardPolicyOverride { RefusePrepaid = true })
            .WithMerchantOverride("exchange-1", new CardPolicyOverride { RefusePrepaid = false });

        Assert.False(book.Resolve("exchange-1", "6051").RefusePrepaid);
        Assert.True(book.Resolve("exchange-2", "6051").RefusePrepaid);
    }

    [Fact]
    public void MerchantLimitBeatsMccLimitWithTheSameCode()
    {
        var burst = Default.Limits.Single(l => l.Code == ReasonCodes.SmallAuthBurst);
        var book = CardPolicyBook.Standard
            .WithMccOverride("5999", new CardPolicyOverride { Limits = [burst with { Threshold = 5 }] })
            .WithMerchantOverride("m-1", new CardPolicyOverride { Limits = [burst with { Threshold = 2 }] });

        Assert.Equal(2, Limit(book.Resolve("m-1", "5999"), ReasonCodes.SmallAuthBurst).Threshold);
        Assert.Equal(5, Limit(book.Resolve("m-2", "5999"), ReasonCodes.SmallAuthBurst).Threshold);
        Assert.Equal(2, Limit(book.Resolve("m-1", null), ReasonCodes.SmallAuthBurst).Threshold);
        Assert.Equal(3, Limit(book.Resolve("m-2", null), ReasonCodes.SmallAuthBurst).Threshold);
    }

    [Fact]
    public void ThresholdsMergeThroughBothLevels()
    {
        var book = CardPolicyBook.Standard
            .WithMccOverride("5999", new CardPolicyOverride { SmallAmountThresholds = Thresholds(("JPY", 500), ("USD", 200)) })
            .WithMerchantOverride("m-1", new CardPolicyOverride { SmallAmountThresholds = Thresholds(("JPY", 50)) });

        var resolved = book.Resolve("m-1", "5999");

        Assert.Equal(50, resolved.SmallAmountThreshold("JPY"));
        Assert.Equal(200, resolved.SmallAmountThreshold("USD"));
        Assert.Equal(100, resolved.SmallAmountThreshold("EUR"));
    }

    [Fact]
    public void OverridesReplaceByKeyAndLeaveTheOriginalBookAlone()
    {
        var first = CardPolicyBook.Standard.WithMerchantOverride("m-1", new CardPolicyOverride { RefusePrepaid = true });
        var second = first.WithMerchantOverride("m-1", new CardPolicyOverride { SmallAuthWithoutCvcAction = RiskAction.Decline });

        Assert.Empty(CardPolicyBook.Standard.ByMerchant);
        Assert.True(first.Resolve("m-1", null).RefusePrepaid);
        Assert.False(second.Resolve("m-1", null).RefusePrepaid);
        Assert.Equal(RiskAction.Decline, second.Resolve("m-1", null).SmallAuthWithoutCvcAction);
        Assert.Single(second.ByMerchant);
    }

    [Fact]
    public void TheEngineUsesTheResolvedMerchantPolicy()
    {
        // A fuel merchant whose pre-authorizations of JPY 300 are the card-testing vector.
        var book = CardPolicyBook.Standard
            .WithMerchantOverride("fuel-1", new CardPolicyOverride { SmallAmountThresholds = Thresholds(("JPY", 300)) });
        var card = new CardScenario();

        card.Policy = book.Resolve("fuel-1", "5542");
        var atFuel = card.Authorize(300, merchant: "fuel-1");
        card.Policy = book.Resolve("shop-1", "5411");
        var elsewhere = card.Authorize(300, merchant: "shop-1");

        Assert.True(atFuel.SmallAuthorization);
        Assert.False(elsewhere.SmallAuthorization);
    }
}
