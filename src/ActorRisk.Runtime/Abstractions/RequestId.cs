namespace ActorRisk.Runtime.Abstractions;

/// <summary>
/// The identity of a request that may change state at most once, such as a gateway's authorization id. The scope
/// keeps unrelated id spaces apart ("authorization", "sale-batch"); the id is unique within it, across all grains.
/// </summary>
public readonly record struct RequestId
{
    public const int MaxLength = 200;

    public RequestId(string scope, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (scope.Length > MaxLength || id.Length > MaxLength)
        {
            throw new ArgumentException($"A request scope and id are at most {MaxLength} characters each.");
        }

        Scope = scope;
        Id = id;
    }

    public string Scope { get; }

    public string Id { get; }

    public override string ToString() => $"{Scope}:{Id}";
}

/// <summary>
/// What became of a state write tied to a request. <see cref="Applied"/> is false when the request had already been
/// applied (by this grain or another): nothing was written, and <see cref="Answer"/> is the first answer.
/// </summary>
public sealed record RequestResult<TAnswer>(RequestId Request, bool Applied, TAnswer Answer, GrainId AppliedBy, DateTimeOffset? AppliedAt);
