namespace ActorRisk.Cluster.Tests;

/// <summary>
/// An API tier (the host with --role api: an Orleans client, no grains) in front of two silos serves the POS API and the
/// portal from the silos' grains; with the silos gone it answers 503 to retry, so it held no grain of its own.
/// </summary>
public sealed class ApiTierTests
{
    [Theory]
    [MemberData(nameof(ClusterStore.Modes), MemberType = typeof(ClusterStore))]
    public async Task AnApiTierServesTheApiAndThePortalFromTheSilosGrains(string mode)
    {
        await using var cluster = await LocalCluster.StartAsync(mode, silos: 2);
        var api = await cluster.StartApiTierAsync();
        Assert.Contains("API tier running", api.Output, StringComparison.Ordinal);
        using var client = LocalCluster.Client(api);

        // Cards decided through the API tier are the silos' cards: a silo reads the same counters.
        var cards = Enumerable.Range(0, 20).Select(_ => ClusterApi.NewCard()).ToArray();
        foreach (var card in cards)
        {
            await client.AuthorizeAsync(ClusterApi.SmallAuthorization(card, "m-" + card[4..16]));
        }

        using var silo = LocalCluster.Client(cluster.Running[0]);
        foreach (var card in cards)
        {
            Assert.Equal(1, await silo.AttemptsAsync(card));
            Assert.Equal(1, await client.AttemptsAsync(card));
        }

        // The portal is served too (its sign-in page; the pages behind it read the same grains).
        using var portal = new HttpClient { BaseAddress = api.Address };
        using var login = await portal.GetAsync(new Uri("/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        // No silo, no grain: the API tier says to come back later, and a new card is not decided anywhere.
        foreach (var host in cluster.Running.Where(h => h != api).ToList())
        {
            await host.KillAsync();
        }

        var (status, problem) = await client.PostAsync("/v1/authorizations", ClusterApi.SmallAuthorization(ClusterApi.NewCard(), "m-alone"));
        Assert.True(status == HttpStatusCode.ServiceUnavailable, $"{(int)status} {problem?.ToJsonString()}\n{api.Output}");
    }
}
