namespace ActorRisk.Grains.Tests.References;

/// <summary>The cached references are Orleans' own: equal to GetGrain's, for the same grain, and callable.</summary>
[Collection(SharedCluster.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public void AReferenceByKeyEqualsTheOneGetGrainGives()
    {
        var factory = fixture.Silo.GetRequiredService<IGrainFactory>();

        foreach (var key in new[] { "tok_a", "tok_b", "m-1" })
        {
            var cached = (GrainReference)(object)factory.Grain<ICardGrain>(key);
            var orleans = (GrainReference)(object)factory.GetGrain<ICardGrain>(key);
            Assert.Equal(orleans, cached);
            Assert.Equal(orleans.GrainId, cached.GrainId);
            Assert.Equal(orleans.InterfaceType, cached.InterfaceType);
        }

        var merchant = (GrainReference)(object)factory.Grain<IMerchantGrain>("m-1");
        Assert.Equal((GrainReference)(object)factory.GetGrain<IMerchantGrain>("m-1"), merchant);
        Assert.NotEqual(((GrainReference)(object)factory.Grain<ICardGrain>("m-1")).GrainId, merchant.GrainId);
    }

    [Fact]
    public async Task AReferenceByKeyReachesTheGrain()
    {
        var token = $"tok_{Guid.NewGuid():N}";

        var snapshot = await fixture.Client.Grain<ICardGrain>(token).GetAsync();

        Assert.Equal(token, snapshot.CardToken);
    }
}
