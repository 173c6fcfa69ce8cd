namespace ActorRisk.Silo.Tests;

/// <summary>Settings the grains or Orleans cannot work with stop the host at start, naming the key at fault.</summary>
public sealed class HostSettingsTests
{
    [Theory]
    [InlineData("ActorRisk:Merchants:MonthCloseGrace", "-1.00:00:00")]
    [InlineData("ActorRisk:Merchants:MonthCloseGrace", "91.00:00:00")]
    [InlineData("ActorRisk:Merchants:CardTestingDistinctCards", "1")]
    [InlineData("ActorRisk:Merchants:CardTestingWindow", "00:00:00")]
    [InlineData("ActorRisk:Merchants:CardTestingLockdown", "-01:00:00")]
    [InlineData("ActorRisk:Orleans:ProbeTimeout", "00:00:00.500")]
    [InlineData("ActorRisk:Orleans:MissedProbesLimit", "0")]
    [InlineData("ActorRisk:Orleans:CollectionAge", "00:00:10")]
    [InlineData("ActorRisk:Orleans:GrainDirectory", "consistent")]
    [InlineData("ActorRisk:Orleans:AdvertisedAddress", "silo-1.internal")]
    [InlineData("ActorRisk:Orleans:ListenAddress", "anywhere")]
    [InlineData("ActorRisk:Orleans:AdvertisedSiloPort", "65536")]
    [InlineData("ActorRisk:Orleans:AdvertisedGatewayPort", "-1")]
    public async Task AnOutOfRangeSettingStopsTheHostAndNamesIt(string key, string value)
    {
        await using var silo = new SiloFactory(new SiloSetup { Extra = new Dictionary<string, string> { [key] = value } });

        var error = Assert.ThrowsAny<Exception>(() => silo.CreateClient());
        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains(key, messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ActorRisk:Merchants:MonthCloseGrace", "00:00:00")]
    [InlineData("ActorRisk:Orleans:GrainDirectory", "Strong")]
    [InlineData("ActorRisk:Orleans:ProbeTimeout", "00:00:02")]
    [InlineData("ActorRisk:Orleans:AdvertisedSiloPort", "65535")]
    public async Task ASettingAtItsEdgeIsAccepted(string key, string value)
    {
        await using var silo = new SiloFactory(new SiloSetup { Extra = new Dictionary<string, string> { [key] = value } });
        using var client = silo.Client();
        using var health = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
