namespace ActorRisk.Domain.Programs;

/// <summary>All program versions and cross-program rules: the data the month evaluation runs on.</summary>
public sealed record ProgramRulebook(
    ImmutableArray<ProgramVersion> Versions,
    ImmutableArray<FinePrecedence> FinePrecedences,
    ProgramParameters Parameters)
{
    /// <summary>The rulebook built from public processor documentation (see docs/domain.md), with the given parameters.</summary>
    public static ProgramRulebook Standard(ProgramParameters? parameters = null) => StandardPrograms.Build(parameters ?? ProgramParameters.Defaults);

    public IEnumerable<ProgramVersion> InForce(YearMonth month) => Versions.Where(v => v.IsInForce(month));

    public ProgramVersion? VersionFor(MonitoringProgram program, YearMonth month) =>
        Versions.FirstOrDefault(v => v.Program == program && v.IsInForce(month));

    /// <summary>The last version of a program that ended before <paramref name="month"/> and was not followed by another.</summary>
    public ProgramVersion? RetiredBefore(MonitoringProgram program, YearMonth month) =>
        VersionFor(program, month) is null
            ? Versions.Where(v => v.Program == program && v.EffectiveThrough is { } through && through < month)
                      .OrderByDescending(v => v.EffectiveThrough)
                      .FirstOrDefault()
            : null;

    /// <summary>Checks the data: versions of one program must not overlap and every enforcement tier needs a schedule.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var group in Versions.GroupBy(v => v.Program))
        {
            var ordered = group.OrderBy(v => v.EffectiveFrom).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i - 1].EffectiveThrough is not { } through || through >= ordered[i].EffectiveFrom)
                {
                    problems.Add($"{group.Key}: version from {ordered[i].EffectiveFrom} overlaps the one from {ordered[i - 1].EffectiveFrom}.");
                }
            }

            foreach (var version in group)
            {
                if (version.EffectiveThrough is { } end && end < version.EffectiveFrom)
                {
                    problems.Add($"{group.Key} {version.EffectiveFrom}: ends ({end}) before it starts.");
                }

                if (version.ExitAfterMonthsBelow < 1)
                {
                    problems.Add($"{group.Key} {version.EffectiveFrom}: exit needs at least one month below.");
                }

                foreach (var tier in version.EnforcementTiers.Where(t => !version.Fines.ContainsKey(t.Id)))
                {
                    problems.Add($"{group.Key} {version.EffectiveFrom}: tier {tier.Id} has no fine schedule.");
                }
            }
        }

        return problems;
    }
}
