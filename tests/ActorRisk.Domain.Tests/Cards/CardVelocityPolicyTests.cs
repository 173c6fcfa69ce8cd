namespace ActorRisk.Domain.Tests.Cards;

/// <summary><see cref="CardVelocityPolicy"/>: the shipped default, small-amount thresholds, and validation paths.</summary>
public sealed class CardVelocityPolicyTests
{
    private static readonly CardVelocityPolicy Default = CardVelocityPolicy.Default;

    public static TheoryData<string, string> BadFields() => new()
    {
        { "unknown currency", "smallAmountThresholds.XXX" },
        { "lower-case currency", "smallAmountThresholds.usd" },
        { "negative threshold", "smallAmountThresholds.JPY" },
        { "negative default major units", "defaultSmallAmountMajorUnits" },
        { "zero window", "limits[0].window" },
        { "half-minute window", "limits[1].window" },
        { "window of 90 seconds", "limits[2].window" },
        { "window over a week", "limits[3].window" },
        { "zero threshold", "limits[2].threshold" },
        { "distinct merchants over the cap", "limits[3].threshold" },
        { "zero block", "limits[0].blockFor" },
        { "negative block", "limits[1].blockFor" },
        { "block over a year", "limits[0].blockFor" },
        { "blank code", "limits[2].code" },
        { "duplicate code", "limits[1].code" },
        { "decline-rate window", "declineRate.window" },
        { "decline-rate min attempts", "declineRate.minAttempts" },
        { "decline-rate zero", "declineRate.rate" },
        { "decline-rate over one", "declineRate.rate" },
        { "decline-rate block", "declineRate.blockFor" },
        { "lower-case country", "highRiskIssuerCountries" },
        { "three-letter country", "highRiskIssuerCountries" },
        { "negative skew", "maxClockSkew" },
        { "skew over an hour", "maxClockSkew" },
        { "no recent decisions", "recentDecisionsKept" },
        { "too many recent decisions", "recentDecisionsKept" },
    };

    [Fact]
    public void TheDefaultIsValid()
    {
        Assert.Empty(Default.Validate());
        Assert.Empty(new CardVelocityPolicy().Validate());
    }

    [Fact]
    public void TheDefaultShipsTheDocumentedLimits()
    {
        var burst = Default.Limits[0];
        Assert.Equal(ReasonCodes.SmallAuthBurst, burst.Code);
        Assert.Equal(VelocityMetric.SmallAuthorizations, burst.Metric);
        Assert.Equal(TimeSpan.FromMinutes(10), burst.Window);
        Assert.Equal(3, burst.Threshold);
        Assert.Equal(RiskAction.Decline, burst.Action);
        Assert.Equal(TimeSpan.FromHours(24), burst.BlockFor);
        Assert.True(burst.Enabled);
        Assert.Equal(100, Default.SmallAmountThreshold("JPY"));
        Assert.Equal(RiskAction.Challenge, Default.SmallAuthWithoutCvcAction);
        Assert.Equal(RiskAction.Review, Default.CardPresentUnitAuthorizationAction);
        Assert.Equal(TimeSpan.FromMinutes(2), Default.MaxClockSkew);
        Assert.Equal(20, Default.RecentDecisionsKept);
    }

    [Theory]
    [MemberData(nameof(BadFields))]
    public void EachBadFieldIsReportedByItsPath(string change, string field)
    {
        var errors = Break(change).Validate();

        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void AllProblemsAreReportedAtOnce()
    {
        var policy = Default with
        {
            MaxClockSkew = TimeSpan.FromHours(2),
            RecentDecisionsKept = 0,
            Limits = [Default.Limits[0] with { Window = TimeSpan.Zero, Threshold = 0, BlockFor = TimeSpan.Zero }],
        };

        var fields = policy.Validate().Select(e => e.Field).ToList();

        Assert.Equal(
            ["limits[0].window", "limits[0].threshold", "limits[0].blockFor", "maxClockSkew", "recentDecisionsKept"],
            fields);
    }

    [Fact]
    public void BoundaryValuesAreValid()
    {
        var policy = Default with
        {
            SmallAmountThresholds = Default.SmallAmountThresholds.SetItem("JPY", 0),
            DefaultSmallAmountMajorUnits = 0,
            Limits =
            [
                Default.Limits[0] with { Window = TimeSpan.FromMinutes(1), BlockFor = TimeSpan.FromDays(365) },
                Default.Limits[1] with { Window = CardActivity.Retention, BlockFor = null },
                Default.Limits[2] with { Threshold = 1 },
                Default.Limits[3] with { Threshold = CardActivity.DistinctMerchantCap },
            ],
            DeclineRate = Default.DeclineRate! with { Rate = 1m, MinAttempts = 1 },
            MaxClockSkew = TimeSpan.FromHours(1),
            RecentDecisionsKept = 200,
        };

        Assert.Empty(policy.Validate());
        Assert.Empty((Default with { MaxClockSkew = TimeSpan.Zero, RecentDecisionsKept = 1, DeclineRate = null }).Validate());
    }

    [Fact]
    public void ADuplicateIsReportedOnTheSecondOccurrenceOnly()
    {
        var policy = Default with { Limits = [Default.Limits[0], Default.Limits[1], Default.Limits[0] with { Threshold = 4 }] };

        var error = Assert.Single(policy.Validate());

        Assert.Equal("limits[2].code", error.Field);
        Assert.Contains(ReasonCodes.SmallAuthBurst, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "JPY", true)]
    [InlineData(100, "JPY", true)]
    [InlineData(101, "JPY", false)]
    [InlineData(100, "USD", true)]
    [InlineData(101, "USD", false)]
    [InlineData(100, "EUR", true)]
    [InlineData(100, "GBP", true)]
    [InlineData(1_000, "KRW", true)]
    [InlineData(1_001, "KRW", false)]
    [InlineData(100, "CHF", true)] // no entry: one major unit
    [InlineData(101, "CHF", false)]
    [InlineData(1, "VND", true)] // zero digits, no entry: VND 1
    [InlineData(2, "VND", false)]
    [InlineData(1_000, "KWD", true)]
    [InlineData(1_001, "KWD", false)]
    public void SmallMeansAtOrUnderTheCurrencyThreshold(long minor, string currency, bool small)
    {
        Assert.Equal(small, Default.IsSmall(new Money(minor, currency)));
    }

    [Fact]
    public void DefaultMajorUnitsApplyToCurrenciesWithoutAnEntry()
    {
        var policy = Default with { DefaultSmallAmountMajorUnits = 5 };

        Assert.Equal(500, policy.SmallAmountThreshold("CHF"));
        Assert.Equal(5, policy.SmallAmountThreshold("ISK"));
        Assert.Equal(5_000, policy.SmallAmountThreshold("BHD"));
        Assert.Equal(100, policy.SmallAmountThreshold("JPY"));
    }

    private static CardVelocityPolicy Break(string change)
    {
        var limits = Default.Limits;
        CardVelocityPolicy WithLimit(int index, VelocityLimit limit) => Default with { Limits = limits.SetItem(index, limit) };
        var rate = Default.DeclineRate!;
        return change switch
        {
            "unknown currency" => Default with { SmallAmountThresholds = Default.SmallAmountThresholds.Add("XXX", 5) },
            "lower-case currency" => Default with { SmallAmountThresholds = Default.SmallAmountThresholds.Add("usd", 5) },
            "negative threshold" => Default with { SmallAmountThresholds = Default.SmallAmountThresholds.SetItem("JPY", -1) },
            "negative default major units" => Default with { DefaultSmallAmountMajorUnits = -1 },
            "zero window" => WithLimit(0, limits[0] with { Window = TimeSpan.Zero }),
            "half-minute window" => WithLimit(1, limits[1] with { Window = TimeSpan.FromSeconds(30) }),
            "window of 90 seconds" => WithLimit(2, limits[2] with { Window = TimeSpan.FromSeconds(90) }),
            "window over a week" => WithLimit(3, limits[3] with { Window = CardActivity.Retention + TimeSpan.FromMinutes(1) }),
            "zero threshold" => WithLimit(2, limits[2] with { Threshold = 0 }),
            "distinct merchants over the cap" => WithLimit(3, limits[3] with { Threshold = CardActivity.DistinctMerchantCap + 1 }),
            "zero block" => WithLimit(0, limits[0] with { BlockFor = TimeSpan.Zero }),
            "negative block" => WithLimit(1, limits[1] with { BlockFor = TimeSpan.FromHours(-1) }),
            "block over a year" => WithLimit(0, limits[0] with { BlockFor = TimeSpan.FromDays(366) }),
            "blank code" => WithLimit(2, limits[2] with { Code = " " }),
            "duplicate code" => WithLimit(1, limits[1] with { Code = limits[0].Code }),
            "decline-rate window" => Default with { DeclineRate = rate with { Window = TimeSpan.FromDays(8) } },
            "decline-rate min attempts" => Default with { DeclineRate = rate with { MinAttempts = 0 } },
            "decline-rate zero" => Default with { DeclineRate = rate with { Rate = 0m } },
            "decline-rate over one" => Default with { DeclineRate = rate with { Rate = 1.01m } },
            "decline-rate block" => Default with { DeclineRate = rate with { BlockFor = TimeSpan.Zero } },
            "lower-case country" => Default with { HighRiskIssuerCountries = ["ru"] },
            "three-letter country" => Default with { HighRiskIssuerCountries = ["RUS"] },
            "negative skew" => Default with { MaxClockSkew = TimeSpan.FromSeconds(-1) },
            "skew over an hour" => Default with { MaxClockSkew = TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1) },
            "no recent decisions" => Default with { RecentDecisionsKept = 0 },
            "too many recent decisions" => Default with { RecentDecisionsKept = 201 },
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
        };
    }
}
