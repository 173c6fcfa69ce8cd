namespace ActorRisk.Runtime.Streams;

/// <summary>A stream's identity: a namespace ("card-decisions") and a key (a card token, a merchant id).</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    public override string ToString() => $"{Namespace}/{Key}";
}

/// <summary>One delivered item, with the stream it came from and its publication time.</summary>
public sealed record StreamItem<T>(StreamId Stream, T Item, DateTimeOffset PublishedAt);
