using ActorRisk.Portal.Live;

namespace ActorRisk.Silo.Tests;

/// <summary>Decisions reach the silo's live feed (the portal's source) through the forwarder and the Orleans stream.</summary>
public sealed class LiveFeedTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(25)]
    public async Task EveryDecisionReachesTheLiveFeed(int count)
    {
        await using var silo = new SiloFactory();
        using var gateway = silo.Client(TestKeys.Gateway);
        await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), Auth.NewToken(), 2_000)); // the silo is up and the stream in use
        await using var subscription = silo.Service<LiveFeed>().Subscribe<CardDecisionEvent>(CardStreams.Decisions);

        var ids = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            var id = Auth.NewId("live");
            ids.Add(id);
            await gateway.AuthorizeAsync(Auth.Request(id, Auth.NewToken(), 2_000));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new HashSet<string>();
        await foreach (var item in subscription.ReadAllAsync(timeout.Token))
        {
            seen.Add(item.Item.Decision.AuthorizationId);
            if (ids.IsSubsetOf(seen))
            {
                break;
            }
        }

        Assert.Subset(seen, ids);
    }
}
