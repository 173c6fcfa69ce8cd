namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// A row's primary key: (grain type, grain key, state name). Type and key are stored apart, as the old runtime did
/// ('card' / its key), so rows of two grain types with the same key and state name never collide.
/// </summary>
internal readonly record struct StateKey(string GrainType, string GrainKey, string StateName)
{
    public static StateKey Of(GrainId grainId, string stateName) => new(grainId.Type.ToString()!, grainId.Key.ToString()!, stateName);

    public void AddParameters(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainType });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainKey });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = StateName });
    }

    public override string ToString() => $"state '{StateName}' of {GrainType}/{GrainKey}";
}
