using ActorRisk.Abstractions.Serialization;
using Orleans.Configuration;
using Orleans.Serialization;

namespace ActorRisk.Silo.Hosting;

/// <summary>What a silo and an API tier's client must agree on to be one cluster: its ids and ActorRisk's serialization.</summary>
internal static class ClusterMembershipBasics
{
    public static void Configure(IServiceCollection services, OrleansOptions orleans)
    {
        services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = orleans.ClusterId;
            o.ServiceId = orleans.ServiceId;
        });
        services.AddSerializer(serializer => serializer.AddActorRiskSerialization());
    }
}
