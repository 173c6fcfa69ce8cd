namespace ActorRisk.LoadGen;

/// <summary>What one worker saw; merged at the end.</summary>
internal sealed class LoadResult
{
    /// <summary>Per answered request: from its scheduled time when paced (open loop), else from its send.</summary>
    public List<double> LatenciesMs { get; } = [];

    /// <summary>Per answered request: from the moment it was handed to the HTTP client (the service time alone).</summary>
    public List<double> ServiceMs { get; } = [];

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
        ServiceMs.AddRange(other.ServiceMs);
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

    public double Percentile(double p) => Percentile(LatenciesMs, p);

    public static double Percentile(List<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        var index = (int)Math.Ceiling(p * values.Count) - 1;
        return values[Math.Clamp(index, 0, values.Count - 1)];
    }
}
