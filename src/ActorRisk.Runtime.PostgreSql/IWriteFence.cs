namespace ActorRisk.Runtime.PostgreSql;

/// <summary>
/// An extra precondition every state write must satisfy in the same statement as the version check.
/// A single silo needs none; in a cluster the fence is "this silo still holds the grain's partition at its
/// epoch", so a silo that lost its lease can never commit. Grain code does not change.
/// </summary>
public interface IWriteFence
{
    /// <summary>A SQL boolean expression; its parameters are numbered from <paramref name="firstParameter"/> ($n).</summary>
    string Predicate(int firstParameter);

    /// <summary>Adds the parameters the predicate uses, in order.</summary>
    void AddParameters(NpgsqlParameterCollection parameters, GrainId grainId, int partition);
}

/// <summary>No fence: the single-silo default.</summary>
public sealed class NoWriteFence : IWriteFence
{
    public static NoWriteFence Instance { get; } = new();

    public string Predicate(int firstParameter) => "TRUE";

    public void AddParameters(NpgsqlParameterCollection parameters, GrainId grainId, int partition)
    {
    }
}
