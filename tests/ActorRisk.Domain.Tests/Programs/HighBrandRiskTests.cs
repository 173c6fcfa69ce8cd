namespace ActorRisk.Domain.Tests.Programs;

/// <summary>
/// Seed 003's "High Brand Risk Merchants / Excessive" rows: a high-brand-risk merchant (Visa HBR MCC such as 5967,
/// or flagged) identified at the Standard thresholds follows the Excessive fine schedule from month 1.
/// </summary>
public sealed class HighBrandRiskTests
{
    private static readonly YearMonth FirstMonth = Month.Ym(2023, 1);

    public static TheoryData<string?, bool> HighRiskProfiles => new()
    {
        { "5967", false },
        { "5966", false },
        { "7995", false },
        { null, true },
        { "5411", true },
    };

    [Theory]
    [MemberData(nameof(HighRiskProfiles))]
    public void VdmpStandardThresholdsExcessiveScheduleFromMonthOne(string? mcc, bool flag)
    {
        var run = new ProgramRun(new MerchantProfile("hbr", mcc, flag));

        // 200 disputes / 10,000 sales: Standard thresholds only.
        var results = run.CloseMany(FirstMonth, 7, m => Month.Visa(m, 10_000, 200), MonitoringProgram.VDMP);

        Assert.All(results, r => Assert.Equal("Standard", r.Tier));

        // Excessive schedule: months 1-6 USD 50 x 200 = USD 10,000; month 7 adds the USD 25,000 reserve fee.
        Assert.Equal([10_000m, 10_000m, 10_000m, 10_000m, 10_000m, 10_000m, 35_000m], results.Select(r => r.Fine.ToMajor()));
        Assert.Contains(results[0].Reasons, r => r.Contains("High-brand-risk", StringComparison.Ordinal));
    }

    [Fact]
    public void OrdinaryMerchantAtTheSameNumbersPaysNothingInMonthOne()
    {
        var result = new ProgramRun(new MerchantProfile("ordinary", "5411")).Close(Month.Visa(FirstMonth, 10_000, 200), MonitoringProgram.VDMP);

        Assert.Equal("Standard", result.Tier);
        Assert.True(result.Fine.IsZero);
        Assert.DoesNotContain(result.Reasons, r => r.Contains("High-brand-risk", StringComparison.Ordinal));
    }

    [Fact]
    public void HighBrandRiskStillNeedsTheStandardThresholds()
    {
        // 99 disputes: below Standard; the high-brand-risk flag does not lower the thresholds.
        var result = new ProgramRun(new MerchantProfile("hbr", "5967")).Close(Month.Visa(FirstMonth, 1_000, 99), MonitoringProgram.VDMP);

        Assert.Equal(ProgramStatus.EarlyWarning, result.Status);
        Assert.True(result.Fine.IsZero);
    }

    [Fact]
    public void HighBrandRiskAtExcessiveThresholdsPaysTheExcessiveScheduleOnce()
    {
        var result = new ProgramRun(new MerchantProfile("hbr", "5967")).Close(Month.Visa(FirstMonth, 50_000, 1_200), MonitoringProgram.VDMP);

        Assert.Equal("Excessive", result.Tier);
        Assert.Equal(Money.Usd(60_000m), result.Fine);
    }

    [Fact]
    public void VfmpHighBrandRiskPaysTheExcessiveScheduleFromMonthOne()
    {
        var run = new ProgramRun(new MerchantProfile("hbr", "5967"));

        // $100,000 fraud / $5,000,000 sales: Standard thresholds; Excessive schedule 1-3 USD 10,000, 4-6 USD 25,000.
        var results = run.CloseMany(FirstMonth, 4, m => Month.VisaFraud(m, 5_000_000m, 100_000m), MonitoringProgram.VFMP);

        Assert.All(results, r => Assert.Equal("Standard", r.Tier));
        Assert.Equal([10_000m, 10_000m, 10_000m, 25_000m], results.Select(r => r.Fine.ToMajor()));
    }

    [Fact]
    public void MastercardProgramsIgnoreHighBrandRisk()
    {
        var run = new ProgramRun(new MerchantProfile("hbr", "5967"), previous: Month.Mastercard(Month.Ym(2025, 1).Previous(), 10_000, 0));

        var result = run.Close(Month.Mastercard(Month.Ym(2025, 1), 10_000, 200), MonitoringProgram.ECM);

        Assert.Equal("ECM", result.Tier);
        Assert.True(result.Fine.IsZero);
    }

    [Theory]
    [InlineData("5967", false, true)]
    [InlineData("5411", false, false)]
    [InlineData("5411", true, true)]
    [InlineData(null, false, false)]
    public void ProfileIsHighBrandRiskByMccOrFlag(string? mcc, bool flag, bool expected)
    {
        Assert.Equal(expected, new MerchantProfile("m", mcc, flag).IsHighBrandRisk);
    }
}
