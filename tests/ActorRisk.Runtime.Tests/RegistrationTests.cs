using ActorRisk.Runtime.Core;
using ActorRisk.Runtime.Tests.Grains;

namespace ActorRisk.Runtime.Tests;

/// <summary>Grain registration, silo start validation, and grain identity (stable hash, partitions).</summary>
public sealed class RegistrationTests
{
    [Fact]
    public async Task TwoGrainsWithTheSameTypeNameAreRejected()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSilo.StartAsync(b => b
            .AddGrain<ICounterGrain, CounterGrain>("same", (i, id) => new CounterGrainReference(i, id))
            .AddGrain<IMailboxGrain, MailboxGrain>("same", (i, id) => new MailboxGrainReference(i, id))
            .AddMemoryGrainStorage()));

        Assert.Contains("'same'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneInterfaceRegisteredTwiceIsRejected()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSilo.StartAsync(b => b
            .AddGrain<ICounterGrain, CounterGrain>("counter-a", (i, id) => new CounterGrainReference(i, id))
            .AddGrain<ICounterGrain, CounterGrain>("counter-b", (i, id) => new CounterGrainReference(i, id))
            .AddMemoryGrainStorage()));

        Assert.Contains(nameof(ICounterGrain), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetGrainOfAnUnregisteredInterfaceSaysWhatToRegister()
    {
        await using var silo = await TestSilo.StartAsync(b => b
            .AddGrain<ICounterGrain, CounterGrain>("counter", (i, id) => new CounterGrainReference(i, id))
            .AddMemoryGrainStorage());

        var exception = Assert.Throws<InvalidOperationException>(() => silo.GrainFactory.GetGrain<IMailboxGrain>("x"));

        Assert.Contains(nameof(IMailboxGrain), exception.Message, StringComparison.Ordinal);
        Assert.Contains("AddGrain", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGrainUsingAnUnregisteredStorageFailsTheSiloStart()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSilo.StartAsync(b => b
            .AddGrain<ICounterGrain, CounterGrain>("counter", (i, id) => new CounterGrainReference(i, id))
            .AddMemoryGrainStorage("SomethingElse")));

        Assert.Contains("'counter'", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"'{PersistentStateAttribute.DefaultStorage}'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidRegistrationsAreRejected()
    {
        var builder = new GrainRuntimeBuilder(new Microsoft.Extensions.DependencyInjection.ServiceCollection());

        Assert.Throws<ArgumentException>(() => builder.AddGrain<ICounterGrain, CounterGrain>("a/b", (i, id) => new CounterGrainReference(i, id)));
        Assert.ThrowsAny<ArgumentException>(() => builder.AddGrain<ICounterGrain, CounterGrain>(" ", (i, id) => new CounterGrainReference(i, id)));
    }

    [Fact]
    public void RegistryFindsRegistrationsByInterfaceAndTypeName()
    {
        var builder = new GrainRuntimeBuilder(new Microsoft.Extensions.DependencyInjection.ServiceCollection())
            .AddGrain<ICounterGrain, CounterGrain>("counter", (i, id) => new CounterGrainReference(i, id))
            .AddGrain<IMailboxGrain, MailboxGrain>("mailbox", (i, id) => new MailboxGrainReference(i, id));
        var registrations = builder.Services.Select(d => d.ImplementationInstance).OfType<GrainRegistration>().ToList();
        var registry = new GrainTypeRegistry(registrations);

        Assert.Equal(typeof(CounterGrain), registry.ForInterface(typeof(ICounterGrain)).GrainClass);
        Assert.Equal(typeof(IMailboxGrain), registry.ForType("mailbox").InterfaceType);
        Assert.Equal([PersistentStateAttribute.DefaultStorage], registry.ForType("counter").StorageNames);
        Assert.Empty(registry.ForType("mailbox").StorageNames);
        Assert.Throws<InvalidOperationException>(() => registry.ForType("nope"));
        Assert.Throws<InvalidOperationException>(() => new GrainTypeRegistry([.. registrations, .. registrations]));
    }

    [Fact]
    public void StableHashIsFnv1aOverTypeSlashKeyAndNeverChanges()
    {
        // Pinned: partitions of stored rows depend on it. Computed independently (FNV-1a 64 over UTF-8 "type/key").
        Assert.Equal(7076683508008771708UL, new GrainId("counter", "c1").StableHash);
        Assert.Equal(124, new GrainId("counter", "c1").Partition(256));
        Assert.Equal(13410461229541504581UL, new GrainId("card", "tok_123").StableHash);
        Assert.Equal(69, new GrainId("card", "tok_123").Partition(256));

        Assert.Equal(new GrainId("card", "tok_é").StableHash, new GrainId("card", "tok_é").StableHash);
        Assert.NotEqual(new GrainId("card", "a/b").StableHash, new GrainId("card", "a/c").StableHash);
        Assert.NotEqual(new GrainId("a", "x").StableHash, new GrainId("b", "x").StableHash);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(256)]
    [InlineData(1_000)]
    public void PartitionsAreWithinRangeAndAllUsed(int partitionCount)
    {
        var partitions = Enumerable.Range(0, 20_000).Select(i => new GrainId("card", $"tok_{i}").Partition(partitionCount)).ToList();

        Assert.All(partitions, p => Assert.InRange(p, 0, partitionCount - 1));
        Assert.Equal(partitionCount, partitions.Distinct().Count());
    }

    [Fact]
    public void GrainIdsAreValidated()
    {
        Assert.ThrowsAny<ArgumentException>(() => new GrainId("", "k"));
        Assert.ThrowsAny<ArgumentException>(() => new GrainId("t", ""));
        Assert.Throws<ArgumentException>(() => new GrainId("t", new string('k', GrainId.MaxKeyLength + 1)));
        Assert.Equal("t/k", new GrainId("t", "k").ToString());
        Assert.Equal(new GrainId("t", "k"), new GrainId("t", "k"));
    }
}
