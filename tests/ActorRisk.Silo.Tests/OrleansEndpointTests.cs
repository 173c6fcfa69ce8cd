using ActorRisk.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace ActorRisk.Silo.Tests;

/// <summary>
/// What a durable-mode silo listens on and what it registers for the others to dial: the same loopback endpoint by
/// default, and apart when a port-mapping proxy (Container Apps' TCP ingress) stands between them. Read from the built
/// host's options: no socket is opened.
/// </summary>
public sealed class OrleansEndpointTests
{
    [Fact]
    public void ByDefaultTheSiloListensOnTheEndpointItAdvertises()
    {
        var endpoints = EndpointsFor(new Dictionary<string, string?>
        {
            ["ActorRisk:Orleans:SiloPort"] = "21111",
            ["ActorRisk:Orleans:GatewayPort"] = "23000",
        });

        Assert.Equal(IPAddress.Loopback, endpoints.AdvertisedIPAddress);
        Assert.Equal(21111, endpoints.SiloPort);
        Assert.Equal(23000, endpoints.GatewayPort);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 21111), endpoints.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 23000), endpoints.GatewayListeningEndpoint);
    }

    [Fact]
    public void BehindAPortMappingProxyTheSiloListensOnItsOwnPortsAndAdvertisesTheMappedOnes()
    {
        var endpoints = EndpointsFor(new Dictionary<string, string?>
        {
            ["ActorRisk:Orleans:ListenAddress"] = "0.0.0.0",
            ["ActorRisk:Orleans:AdvertisedAddress"] = "10.40.0.17",
            ["ActorRisk:Orleans:SiloPort"] = "11111",
            ["ActorRisk:Orleans:GatewayPort"] = "30000",
            ["ActorRisk:Orleans:AdvertisedSiloPort"] = "11113",
            ["ActorRisk:Orleans:AdvertisedGatewayPort"] = "30002",
        });

        Assert.Equal(IPAddress.Parse("10.40.0.17"), endpoints.AdvertisedIPAddress);
        Assert.Equal(11113, endpoints.SiloPort);
        Assert.Equal(30002, endpoints.GatewayPort);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 30000), endpoints.GatewayListeningEndpoint);
    }

    // The host is built, never started: Orleans reads EndpointOptions only when the silo starts.
    private static EndpointOptions EndpointsFor(Dictionary<string, string?> settings)
    {
        var orleans = new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(OrleansOptions.Section).Get<OrleansOptions>()!;
        orleans.Validate();
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => SiloComposition.ConfigureEndpoints(silo, orleans));
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
    }
}
