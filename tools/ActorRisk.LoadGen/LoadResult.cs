namespace ActorRisk.LoadGen;

/// <summary>What one worker saw; merged at the end.</summary>
internal sealed class LoadResult
{
    public List<double> LatenciesMs { get; } = [];

    public Dictionary<string, long> Decisions { get; } = new(StringComparer.Ordinal);

    public long Errors { get; set; }

    public long TestingAttempts { get; set; }

    public long TestingApproved { get; set; }

    public long TestingChallenged { get; set; }

    public long TestingDeclined { get; set; }

    public long NormalDeclined { get; set; }

    public Dictionary<string, long> NormalDeclineReasons { get; } = new(StringComparer.Ordinal);

    public void Merge(LoadResult other)
    {
        LatenciesMs.AddRange(other.LatenciesMs);
        foreach (var (decision, count) in other.Decisions)
        {
            Decisions[decision] = Decisions.GetValueOrDefault(decision) + count;
        }

        Errors += other.Errors;
        TestingAttempts += other.TestingAttempts;
        TestingApproved += other.TestingApproved;
        TestingChallenged += other.TestingChallenged;
        TestingDeclined += other.TestingDeclined;
        NormalDeclined += other.NormalDeclined;
        foreach (var (code, count) in other.NormalDeclineReasons)
        {
            NormalDeclineReasons[code] = NormalDeclineReasons.GetValueOrDefault(code) + count;
        }
    }

    public double Percentile(double p)
    {
        if (LatenciesMs.Count == 0)
        {
            return double.NaN;
        }

        LatenciesMs.Sort();
        var index = (int)Math.Ceiling(p * LatenciesMs.Count) - 1;
        return LatenciesMs[Math.Clamp(index, 0, LatenciesMs.Count - 1)];
    }
}
