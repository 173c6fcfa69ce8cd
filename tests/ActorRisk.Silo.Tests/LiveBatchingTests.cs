using System.Threading.Channels;
using ActorRisk.Portal.Live;

namespace ActorRisk.Silo.Tests;

/// <summary>The live endpoints' batching: what arrives within one window goes out as one batch.</summary>
public sealed class LiveBatchingTests
{
    [Fact]
    public async Task ItemsWithinAWindowFormOneBatchAndLaterItemsTheNext()
    {
        var channel = Channel.CreateUnbounded<int>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var batches = LiveEndpoints.BatchesAsync(channel.Reader.ReadAllAsync(stop.Token), TimeSpan.FromMilliseconds(300), stop.Token).GetAsyncEnumerator(stop.Token);

        for (var i = 1; i <= 5; i++)
        {
            await channel.Writer.WriteAsync(i, stop.Token);
        }

        Assert.True(await batches.MoveNextAsync());
        Assert.Equal([1, 2, 3, 4, 5], batches.Current);

        await channel.Writer.WriteAsync(6, stop.Token);
        await channel.Writer.WriteAsync(7, stop.Token);
        Assert.True(await batches.MoveNextAsync());
        Assert.Equal([6, 7], batches.Current);

        await channel.Writer.WriteAsync(8, stop.Token);
        channel.Writer.Complete();
        Assert.True(await batches.MoveNextAsync());
        Assert.Equal([8], batches.Current);
        Assert.False(await batches.MoveNextAsync());
    }
}
