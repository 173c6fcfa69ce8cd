namespace ActorRisk.Persistence.Benchmarks;

/// <summary>About 60 bytes of JSON, like the old benchmark's writer state.</summary>
public sealed class WriterState
{
    public long Count { get; set; }

    public string Owner { get; set; } = "";

    public decimal Total { get; set; }
}
