namespace ActorRisk.Runtime.Abstractions;

/// <summary>
/// A grain's identity: its registered type name ("card") and key ("tok_..."). The stable hash decides the
/// grain's partition; it is FNV-1a over UTF-8, identical on every machine and process (never string.GetHashCode).
/// </summary>
public readonly record struct GrainId
{
    public const int MaxKeyLength = 256;

    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A grain key is at most {MaxKeyLength} characters.", nameof(key));
        }

        Type = type;
        Key = key;
    }

    public string Type { get; }

    public string Key { get; }

    public ulong StableHash
    {
        get
        {
            var hash = 14695981039346656037UL;
            foreach (var b in System.Text.Encoding.UTF8.GetBytes(Type + "/" + Key))
            {
                hash = unchecked((hash ^ b) * 1099511628211UL);
            }

            return hash;
        }
    }

    /// <summary>The partition of this grain among <paramref name="partitionCount"/> partitions.</summary>
    public int Partition(int partitionCount) => (int)(StableHash % (ulong)partitionCount);

    public override string ToString() => $"{Type}/{Key}";
}
