using ActorRisk.Grains.Tests.Samples;
using Orleans.Serialization;

namespace ActorRisk.Grains.Tests.Serialization;

/// <summary>Every type Orleans generates a serializer for in ActorRisk crosses the wire with its content.</summary>
[Collection(SharedCluster.Name)]
public sealed class OrleansSerializerTests(ClusterFixture fixture)
{
    public static TheoryData<string> Samples => Sample.Cases();

    [Fact]
    public void EveryGeneratedSerializerTypeHasASample()
    {
        var covered = Sample.All.Select(s => s.GetType()).Select(t => t.IsGenericType ? t.GetGenericTypeDefinition() : t).ToHashSet();

        Assert.Empty(SerializedTypes.All.Where(t => !covered.Contains(t)).Select(t => t.FullName));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void SampleSetsEverySerializedField(string name) =>
        Assert.Empty(SampleFields.LeftAtDefault(Sample.Named(name)));

    [Theory]
    [MemberData(nameof(Samples))]
    public void RoundTripsWithItsContent(string name)
    {
        var serializer = fixture.Silo.GetRequiredService<Serializer>();
        var sample = Sample.Named(name);

        var copy = Wire.RoundTrip(serializer, sample);

        Structural.AssertEqual(sample, copy);
    }
}
