using System.Reflection;
using ActorRisk.Grains.Tests.Samples;
using Orleans.Serialization;

namespace ActorRisk.Grains.Tests.Serialization;

/// <summary>Inside a silo, immutable messages and domain values are passed by reference: Orleans' copier returns them as they are.</summary>
[Collection(SharedCluster.Name)]
public sealed class DeepCopierTests(ClusterFixture fixture)
{
    public static TheoryData<string> ImmutableMessages()
    {
        var data = new TheoryData<string>();
        foreach (var name in Sample.Names.Where(n => IsImmutable(Sample.Named(n).GetType())))
        {
            data.Add(name);
        }

        return data;
    }

    public static TheoryData<string> DomainTypes() => DomainCodecTests.DomainTypes();

    private DeepCopier Copier => fixture.Silo.GetRequiredService<DeepCopier>();

    [Fact]
    public void EveryMessageAndStateIsMarkedImmutable()
    {
        // Exceptions are built by the runtime and enums are values: neither needs the mark.
        var unmarked = SerializedTypes.All
            .Where(t => !t.IsEnum && !typeof(Exception).IsAssignableFrom(t) && !IsImmutable(t));

        Assert.Empty(unmarked.Select(t => t.FullName));
    }

    [Theory]
    [MemberData(nameof(ImmutableMessages))]
    public void ImmutableMessageIsNotCopied(string name)
    {
        var message = Sample.Named(name);

        Assert.Same(message, Copier.Copy(message));
    }

    [Theory]
    [MemberData(nameof(DomainTypes))]
    public void DomainValueIsNotCopied(string typeName)
    {
        var value = DomainReach.ValuesIn(Sample.All).First(v => v.GetType().Name == typeName);

        Assert.Same(value, Copier.Copy(value));
    }

    [Fact]
    public void AMutableMessageWouldBeCopied()
    {
        // The copier does copy what is not immutable, so the tests above can tell the difference.
        var mutable = new List<string> { "a" };

        Assert.NotSame(mutable, Copier.Copy(mutable));
    }

    private static bool IsImmutable(MemberInfo type) => type.IsDefined(typeof(ImmutableAttribute), inherit: false);
}
