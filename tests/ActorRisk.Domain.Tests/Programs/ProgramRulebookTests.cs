namespace ActorRisk.Domain.Tests.Programs;

/// <summary>The rulebook as data: the standard one validates, broken ones are reported, versions are effective-dated.</summary>
public sealed class ProgramRulebookTests
{
    [Fact]
    public void StandardRulebookHasNoProblems()
    {
        Assert.Empty(ProgramRulebook.Standard().Validate());
    }

    [Fact]
    public void StandardRulebookWithOtherParametersHasNoProblems()
    {
        var parameters = new ProgramParameters { EcmExitMonthsBelow = 2, VampCountMinimum = 1_000, VampFeePerItem = Money.Usd(10m) };

        Assert.Empty(ProgramRulebook.Standard(parameters).Validate());
    }

    [Fact]
    public void OverlappingVersionsAreReported()
    {
        var standard = ProgramRulebook.Standard();
        var vdmp = standard.VersionFor(MonitoringProgram.VDMP, new YearMonth(2024, 1))!;
        var overlapping = vdmp with { EffectiveFrom = new YearMonth(2024, 6), EffectiveThrough = null };
        var rulebook = standard with { Versions = standard.Versions.Add(overlapping) };

        var problem = Assert.Single(rulebook.Validate());
        Assert.Contains("VDMP", problem, StringComparison.Ordinal);
        Assert.Contains("overlaps", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOpenEndedVersionFollowedByAnotherIsAnOverlap()
    {
        var standard = ProgramRulebook.Standard();
        var ecm = standard.VersionFor(MonitoringProgram.ECM, new YearMonth(2025, 1))!;
        var later = ecm with { EffectiveFrom = new YearMonth(2030, 1) };
        var rulebook = standard with { Versions = standard.Versions.Add(later) };

        Assert.Contains(rulebook.Validate(), p => p.StartsWith("ECM", StringComparison.Ordinal) && p.Contains("overlaps", StringComparison.Ordinal));
    }

    [Fact]
    public void AdjacentVersionsDoNotOverlap()
    {
        var standard = ProgramRulebook.Standard();
        var ecm = standard.VersionFor(MonitoringProgram.ECM, new YearMonth(2025, 1))!;
        var rulebook = standard with
        {
            Versions = [.. standard.Versions.Remove(ecm),
                ecm with { EffectiveThrough = new YearMonth(2029, 12) },
                ecm with { EffectiveFrom = new YearMonth(2030, 1) }],
        };

        Assert.Empty(rulebook.Validate());
    }

    [Fact]
    public void AMissingFineScheduleAndAZeroExitAreReported()
    {
        var standard = ProgramRulebook.Standard();
        var efm = standard.VersionFor(MonitoringProgram.EFM, new YearMonth(2025, 1))!;
        var broken = efm with { Fines = ImmutableDictionary<string, FineSchedule>.Empty, ExitAfterMonthsBelow = 0 };
        var rulebook = standard with { Versions = standard.Versions.Replace(efm, broken) };

        var problems = rulebook.Validate();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("tier EFM has no fine schedule", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("exit needs at least one month below", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(MonitoringProgram.VDMP, 2020, 1, true)]
    [InlineData(MonitoringProgram.VDMP, 2025, 3, true)]
    [InlineData(MonitoringProgram.VDMP, 2025, 4, false)]
    [InlineData(MonitoringProgram.VFMP, 2025, 3, true)]
    [InlineData(MonitoringProgram.VFMP, 2025, 4, false)]
    [InlineData(MonitoringProgram.VAMP, 2025, 3, false)]
    [InlineData(MonitoringProgram.VAMP, 2025, 4, true)]
    [InlineData(MonitoringProgram.VAMPEnumeration, 2025, 3, false)]
    [InlineData(MonitoringProgram.VAMPEnumeration, 2025, 4, true)]
    [InlineData(MonitoringProgram.ECM, 2020, 1, true)]
    [InlineData(MonitoringProgram.ECM, 2030, 1, true)]
    [InlineData(MonitoringProgram.EFM, 2030, 1, true)]
    public void ProgramsAreInForceByMonth(MonitoringProgram program, int year, int month, bool inForce)
    {
        Assert.Equal(inForce, ProgramRulebook.Standard().VersionFor(program, new YearMonth(year, month)) is not null);
    }

    [Theory]
    [InlineData(2025, 4, null, 0)]
    [InlineData(2025, 5, null, 0)]
    [InlineData(2025, 6, "0.022", 0)]
    [InlineData(2025, 9, "0.022", 0)]
    [InlineData(2025, 10, "0.022", 800)]
    [InlineData(2026, 3, "0.022", 800)]
    [InlineData(2026, 4, "0.015", 800)]
    [InlineData(2028, 1, "0.015", 800)]
    public void VampVersionsByMonth(int year, int month, string? ratio, long feeCents)
    {
        var version = ProgramRulebook.Standard().VersionFor(MonitoringProgram.VAMP, new YearMonth(year, month))!;

        var tier = version.EntryTier;
        Assert.Equal(ratio, tier?.MinRatio.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (tier is not null)
        {
            Assert.Equal(1_500, tier.MinCount);
        }

        var band = version.FinesFor("Excessive").BandFor(1);
        Assert.Equal(feeCents, band?.Components.Single().Amount.Amount ?? 0);
    }

    [Fact]
    public void EveryProgramNamesItsSources()
    {
        Assert.All(ProgramRulebook.Standard().Versions, v => Assert.NotEmpty(v.Sources));
    }

    [Fact]
    public void RetiredBeforeFindsTheLastVersion()
    {
        var rulebook = ProgramRulebook.Standard();

        Assert.Equal(new YearMonth(2025, 3), rulebook.RetiredBefore(MonitoringProgram.VDMP, new YearMonth(2025, 4))!.EffectiveThrough);
        Assert.Null(rulebook.RetiredBefore(MonitoringProgram.VDMP, new YearMonth(2025, 3)));
        Assert.Null(rulebook.RetiredBefore(MonitoringProgram.VAMP, new YearMonth(2026, 4)));
        Assert.Null(rulebook.RetiredBefore(MonitoringProgram.VAMP, new YearMonth(2025, 1)));
    }
}
