using ActorRisk.Runtime.Streams;

namespace ActorRisk.Runtime.Tests.Grains;

public sealed record PublishRange(string Namespace, int From, int Count);

/// <summary>Publishes to the stream (namespace, its key); gets the stream provider by constructor injection.</summary>
public interface IPublisherGrain : IGrainWithStringKey
{
    Task PublishAsync(PublishRange range);
}

public sealed class PublisherGrain(IStreamProvider streams) : Grain, IPublisherGrain
{
    public async Task PublishAsync(PublishRange range)
    {
        var stream = new StreamId(range.Namespace, Key);
        for (var i = range.From; i < range.From + range.Count; i++)
        {
            await streams.PublishAsync(stream, i);
        }
    }
}

public sealed class PublisherGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IPublisherGrain
{
    private static readonly GrainMethod<IPublisherGrain, PublishRange, Done> Publish = new(nameof(PublishAsync), static async (g, r) =>
    {
        await g.PublishAsync(r);
        return default;
    });

    public Task PublishAsync(PublishRange range) => InvokeAsync(Publish, range);
}
