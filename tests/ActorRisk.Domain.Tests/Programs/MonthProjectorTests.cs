namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// The running-month projection: this month's counts and amounts scale by 1 / elapsed fraction (never below one day's
/// share); previous-month denominators (Mastercard) stay as they are; items to threshold are counted against the
/// projected month-end denominator. The clock is at the end of day 10 of a 30-day month: one third elapsed.
/// </summary>
public sealed class MonthProjectorTests
{
    private static readonly YearMonth June2024 = Month.Ym(2024, 6); // VDMP and VFMP still in force
    private static readonly YearMonth June2025 = Month.Ym(2025, 6);

    private static ManualClock DayTen(YearMonth month) => new(month.Start.AddDays(10));

    private static ProgramProjection Project(YearMonth month, MerchantMonthTotals running, MerchantMonthTotals? previous, MonitoringProgram program, MerchantProfile? profile = null)
    {
        var projector = new MonthProjector(ProgramRulebook.Standard(), DayTen(month));
        return projector.Project(profile ?? new MerchantProfile("m"), running, previous).Single(p => p.Program == program);
    }

    [Fact]
    public void DayTenOfAThirtyDayMonthIsOneThird()
    {
        Assert.Equal(30, June2024.Days);
        Assert.Equal(1m / 3m, MonthProjector.ElapsedFraction(June2024, June2024.Start.AddDays(10)));
        Assert.Equal(0.5m, MonthProjector.ElapsedFraction(June2024, June2024.Start.AddDays(15)));
    }

    [Theory]
    [InlineData(0)]        // the first instant of the month
    [InlineData(1)]        // one hour in
    [InlineData(23)]       // 23 hours in
    [InlineData(-120)]     // a clock before the month
    public void ElapsedFractionIsNeverBelowOneDaysShare(int hours)
    {
        Assert.Equal(1m / 30m, MonthProjector.ElapsedFraction(June2024, June2024.Start.AddHours(hours)));
        Assert.Equal(1m / 28m, MonthProjector.ElapsedFraction(Month.Ym(2025, 2), Month.Ym(2025, 2).Start.AddHours(hours)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(72)]
    public void ElapsedFractionIsOneFromTheMonthsEnd(int hoursAfterEnd)
    {
        Assert.Equal(1m, MonthProjector.ElapsedFraction(June2024, June2024.End.AddHours(hoursAfterEnd)));
    }

    [Fact]
    public void OneHourIntoTheMonthProjectsThirtyTimesNotSevenHundredTwentyTimes()
    {
        var projector = new MonthProjector(ProgramRulebook.Standard(), new ManualClock(June2024.Start.AddHours(1)));

        var vdmp = projector.Project(new MerchantProfile("m"), Month.Visa(June2024, 100, 2), null).Single(p => p.Program == MonitoringProgram.VDMP);

        Assert.Equal(1m / 30m, vdmp.ElapsedFraction);
        Assert.Equal(60, vdmp.AtMonthEnd.Count);
        Assert.Equal(3_000, vdmp.AtMonthEnd.DenominatorCount);
    }

    [Fact]
    public void VdmpRatioStaysTheSameWhileCountsScale()
    {
        var projection = Project(June2024, Month.Visa(June2024, 4_000, 50), null, MonitoringProgram.VDMP);

        Assert.Equal(1m / 3m, projection.ElapsedFraction);
        Assert.Equal(50, projection.Current.Count);
        Assert.Equal(4_000, projection.Current.DenominatorCount);
        Assert.Equal(150, projection.AtMonthEnd.Count);
        Assert.Equal(12_000, projection.AtMonthEnd.DenominatorCount);
        Assert.Equal(0.0125m, projection.Current.Ratio);
        Assert.Equal(projection.Current.Ratio, projection.AtMonthEnd.Ratio);
    }

    [Fact]
    public void VdmpItemsToThresholdUseTheProjectedSales()
    {
        // 50 disputes now, 12,000 sales projected: need max(100 - 50, ceil(0.009 x 12,000) - 50) = max(50, 58) = 58.
        var projection = Project(June2024, Month.Visa(June2024, 4_000, 50), null, MonitoringProgram.VDMP);

        Assert.Equal("Standard", projection.TargetTier);
        Assert.Equal(58, projection.ItemsToThreshold);
        Assert.Null(projection.AmountToThreshold);
        Assert.Contains(projection.Reasons, r => r.Contains("58 more disputes", StringComparison.Ordinal));
    }

    [Fact]
    public void VdmpItemsToThresholdWhenTheCountIsTheBinding()
    {
        // 20 disputes, 1,000 sales now, 3,000 projected: max(100 - 20, ceil(0.009 x 3,000) - 20) = max(80, 7) = 80.
        var projection = Project(June2024, Month.Visa(June2024, 1_000, 20), null, MonitoringProgram.VDMP);

        Assert.Equal(80, projection.ItemsToThreshold);
    }

    [Fact]
    public void EcmRatioGrowsBecauseThePreviousMonthIsFixed()
    {
        var projection = Project(June2025, Month.Mastercard(June2025, 3_000, 40), Month.Mastercard(June2025.Previous(), 10_000, 0), MonitoringProgram.ECM);

        Assert.Equal(40, projection.Current.Count);
        Assert.Equal(120, projection.AtMonthEnd.Count);
        Assert.Equal(10_000, projection.Current.DenominatorCount);
        Assert.Equal(10_000, projection.AtMonthEnd.DenominatorCount);
        Assert.Equal(0.004m, projection.Current.Ratio);
        Assert.Equal(0.012m, projection.AtMonthEnd.Ratio);
    }

    [Theory]
    // chargebacks so far, expected items: max(100 - n, ceil(0.015 x 10,000) - n) = max(100 - n, 150 - n)
    [InlineData(0, 150)]
    [InlineData(40, 110)]
    [InlineData(60, 90)]
    [InlineData(149, 1)]
    [InlineData(150, 0)]
    [InlineData(400, 0)]
    public void EcmItemsToThreshold(long chargebacks, long expected)
    {
        var projection = Project(June2025, Month.Mastercard(June2025, 3_000, chargebacks), Month.Mastercard(June2025.Previous(), 10_000, 0), MonitoringProgram.ECM);

        Assert.Equal("ECM", projection.TargetTier);
        Assert.Equal(expected, projection.ItemsToThreshold);
    }

    [Fact]
    public void EcmItemsToThresholdWhenTheCountIsTheBinding()
    {
        // Previous month 2,000 sales: ratio needs ceil(0.015 x 2,000) = 30, the count needs 100: 100 - 10 = 90.
        var projection = Project(June2025, Month.Mastercard(June2025, 3_000, 10), Month.Mastercard(June2025.Previous(), 2_000, 0), MonitoringProgram.ECM);

        Assert.Equal(90, projection.ItemsToThreshold);
    }

    [Fact]
    public void EcmRoundsTheRatioNeedUp()
    {
        // Previous month 10,001 sales: 0.015 x 10,001 = 150.015, so 151 chargebacks are needed.
        var projection = Project(June2025, Month.Mastercard(June2025, 3_000, 40), Month.Mastercard(June2025.Previous(), 10_001, 0), MonitoringProgram.ECM);

        Assert.Equal(111, projection.ItemsToThreshold);
    }

    [Theory]
    // chargebacks so far (projected x3) against ECM 100 & 1.5% of 10,000; approaching at 80%: 80 & 1.2%
    [InlineData(20, WarningLevel.None)]           // 60 projected: under 80
    [InlineData(27, WarningLevel.None)]           // 81 projected: count over 80, but 0.81% under 1.2%
    [InlineData(39, WarningLevel.None)]           // 117 projected: 1.17%
    [InlineData(40, WarningLevel.Approaching)]    // 120 projected = 1.2% exactly
    [InlineData(49, WarningLevel.Approaching)]    // 147 projected: 1.47%
    [InlineData(50, WarningLevel.ProjectedOver)]  // 150 projected = 1.5%
    [InlineData(60, WarningLevel.ProjectedOver)]
    [InlineData(150, WarningLevel.Over)]          // already 1.5% and 150
    public void EcmWarningLevels(long chargebacks, WarningLevel expected)
    {
        var projection = Project(June2025, Month.Mastercard(June2025, 3_000, chargebacks), Month.Mastercard(June2025.Previous(), 10_000, 0), MonitoringProgram.ECM);

        Assert.Equal(expected, projection.Warning);
    }

    [Theory]
    // disputes and sales so far (projected x3) against VDMP Standard 100 & 0.90%; approaching: 80 & 0.72%
    [InlineData(20, 4_000, WarningLevel.None)]           // 60 projected, 0.50%
    [InlineData(30, 4_000, WarningLevel.Approaching)]    // 90 projected, 0.75%
    [InlineData(30, 5_000, WarningLevel.None)]           // 90 projected, 0.60%: count close, ratio not
    [InlineData(50, 4_000, WarningLevel.ProjectedOver)]  // 150 projected, 1.25%
    [InlineData(100, 4_000, WarningLevel.Over)]          // 100 now, 2.5%
    [InlineData(100, 20_000, WarningLevel.None)]         // count met, 0.50%
    public void VdmpWarningLevels(long disputes, long sales, WarningLevel expected)
    {
        var projection = Project(June2024, Month.Visa(June2024, sales, disputes), null, MonitoringProgram.VDMP);

        Assert.Equal(expected, projection.Warning);
    }

    [Fact]
    public void OverMeansNothingMoreIsNeeded()
    {
        var projection = Project(June2025, Month.Mastercard(June2025, 3_000, 200), Month.Mastercard(June2025.Previous(), 10_000, 0), MonitoringProgram.ECM);

        Assert.Equal(WarningLevel.Over, projection.Warning);
        Assert.Equal(0, projection.ItemsToThreshold);
        Assert.Contains(projection.Reasons, r => r.StartsWith("Already over ECM", StringComparison.Ordinal));
    }

    [Fact]
    public void EarlyWarningFractionIsAParameter()
    {
        var projector = new MonthProjector(ProgramRulebook.Standard(), DayTen(June2025), earlyWarningFraction: 0.5m);

        // 30 chargebacks: 90 projected = 0.9% of 10,000: over 50% of 100 and of 1.5%.
        var ecm = projector.Project(new MerchantProfile("m"), Month.Mastercard(June2025, 3_000, 30), Month.Mastercard(June2025.Previous(), 10_000, 0))
            .Single(p => p.Program == MonitoringProgram.ECM);

        Assert.Equal(WarningLevel.Approaching, ecm.Warning);
    }

    [Fact]
    public void VfmpAmountToThresholdUsesTheProjectedSalesAmount()
    {
        // USD 20,000 fraud, USD 1,000,000 sales so far (3,000,000 projected): ratio needs 0.9% x 3,000,000 = 27,000,
        // the amount needs 75,000: 75,000 - 20,000 = USD 55,000 more; no item count for an amount program.
        var projection = Project(June2024, Month.VisaFraud(June2024, 1_000_000m, 20_000m), null, MonitoringProgram.VFMP);

        Assert.Equal(Money.Usd(55_000m), projection.AmountToThreshold);
        Assert.Null(projection.ItemsToThreshold);
        Assert.Equal(Money.Usd(60_000m), projection.AtMonthEnd.Amount);
        Assert.Equal(Money.Usd(3_000_000m), projection.AtMonthEnd.DenominatorAmount);
    }

    [Fact]
    public void VfmpAmountToThresholdWhenTheRatioIsTheBinding()
    {
        // USD 40,000 fraud, USD 4,000,000 sales so far (12,000,000 projected): ratio needs 108,000: 68,000 more.
        var projection = Project(June2024, Month.VisaFraud(June2024, 4_000_000m, 40_000m), null, MonitoringProgram.VFMP);

        Assert.Equal(Money.Usd(68_000m), projection.AmountToThreshold);
    }

    [Fact]
    public void EfmItemsAndAmountToThreshold()
    {
        // Previous month 10,000 sales: 0.5% needs 50 fraud chargebacks (20 so far: 30 more) and USD 50,000 (USD 30,000 more).
        var projection = Project(
            June2025,
            Month.MastercardFraud(June2025, 3_000, 100, 20, 20_000m),
            Month.MastercardFraud(June2025.Previous(), 10_000, 0, 0, 0m),
            MonitoringProgram.EFM);

        Assert.Equal(30, projection.ItemsToThreshold);
        Assert.Equal(Money.Usd(30_000m), projection.AmountToThreshold);
    }

    [Fact]
    public void EfmBlockedByPreviousMonthSalesHasNoItemsToThreshold()
    {
        var projection = Project(
            June2025,
            Month.MastercardFraud(June2025, 3_000, 100, 40, 40_000m),
            Month.MastercardFraud(June2025.Previous(), 999, 0, 0, 0m),
            MonitoringProgram.EFM);

        Assert.Null(projection.ItemsToThreshold);
        Assert.Null(projection.AmountToThreshold);
        Assert.Equal(WarningLevel.None, projection.Warning);
        Assert.Contains(projection.Reasons, r =>
            r.Contains("cannot be met this month", StringComparison.Ordinal) && r.Contains("previous-month sales 999 < 1,000", StringComparison.Ordinal));
    }

    [Fact]
    public void EfmBlockedByThreeDsShare()
    {
        // 3-D Secure on 20% of card-not-present sales: more fraud cannot put the merchant in EFM.
        var projection = Project(
            June2025,
            Month.MastercardFraud(June2025, 3_000, 600, 40, 40_000m),
            Month.MastercardFraud(June2025.Previous(), 10_000, 0, 0, 0m),
            MonitoringProgram.EFM);

        Assert.Null(projection.ItemsToThreshold);
        Assert.Contains(projection.Reasons, r => r.Contains("3-D Secure share", StringComparison.Ordinal));
    }

    [Fact]
    public void MeasureOnlyMonthsAreNotProjected()
    {
        var april = new MonthProjector(ProgramRulebook.Standard(), new ManualClock(Month.Ym(2025, 4).Start.AddDays(10)))
            .Project(new MerchantProfile("m"), Month.Vamp(Month.Ym(2025, 4), 10_000, 1_000, 1_000), null);
        var june = new MonthProjector(ProgramRulebook.Standard(), DayTen(June2025))
            .Project(new MerchantProfile("m"), Month.Vamp(June2025, 10_000, 1_000, 1_000), null);

        Assert.DoesNotContain(april, p => p.Program == MonitoringProgram.VAMP);
        Assert.Contains(june, p => p.Program == MonitoringProgram.VAMP);
        Assert.DoesNotContain(june, p => p.Program == MonitoringProgram.VDMP);
    }

    [Fact]
    public void TheClockMovesTheProjection()
    {
        var clock = DayTen(June2025);
        var projector = new MonthProjector(ProgramRulebook.Standard(), clock);
        var running = Month.Mastercard(June2025, 3_000, 40);
        var previous = Month.Mastercard(June2025.Previous(), 10_000, 0);

        var early = projector.Project(new MerchantProfile("m"), running, previous).Single(p => p.Program == MonitoringProgram.ECM);
        clock.Set(June2025.Start.AddDays(20));
        var later = projector.Project(new MerchantProfile("m"), running, previous).Single(p => p.Program == MonitoringProgram.ECM);

        Assert.Equal(120, early.AtMonthEnd.Count);
        Assert.Equal(60, later.AtMonthEnd.Count);
        Assert.Equal(early.ItemsToThreshold, later.ItemsToThreshold);
    }
}
