using ActorRisk.Api.Security;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api.Tests;

/// <summary>What AddActorRiskApi makes of the configuration: the API keys (with the demo key) and the tokenization key.</summary>
public sealed class ApiRegistrationsTests
{
    [Fact]
    public void WithoutConfiguredKeysADemoKeyWithEveryRoleIsMadeAndKeptInTheOptions()
    {
        using var services = Services([], durableStorage: null);

        var demoKey = services.GetRequiredService<DemoApiKey>().Generated;
        Assert.False(services.GetRequiredService<DemoApiKey>().Configured);
        Assert.StartsWith("ar_demo_", demoKey, StringComparison.Ordinal);
        var demo = services.GetRequiredService<ApiKeyStore>().Find(demoKey!);
        Assert.Equal("demo", demo!.Name);
        Assert.True(demo.Roles.SetEquals(Roles.All));
    }

    [Fact]
    public void ConfiguredKeysNeedNoDemoKey()
    {
        using var services = Services(
            new()
            {
                ["ActorRisk:ApiKeys:0:Name"] = "pos-gateway-1",
                ["ActorRisk:ApiKeys:0:Sha256"] = ApiKeyStore.Hash("ar_test_gateway"),
                ["ActorRisk:ApiKeys:0:Roles:0"] = Roles.Gateway,
            },
            durableStorage: null);

        Assert.Equal(new DemoApiKey(null, false), services.GetRequiredService<DemoApiKey>());
        var keys = services.GetRequiredService<ApiKeyStore>();
        Assert.Equal(1, keys.Count);
        Assert.Equal("pos-gateway-1", keys.Find("ar_test_gateway")!.Name);
    }

    [Fact]
    public void AConfiguredDemoKeyWorksButIsNeverKeptForShowing()
    {
        using var services = Services(new() { ["ActorRisk:Demo:ApiKey"] = "ar_configured_secret" }, durableStorage: null);

        Assert.Equal(new DemoApiKey(null, true), services.GetRequiredService<DemoApiKey>());
        Assert.True(services.GetRequiredService<ApiKeyStore>().Find("ar_configured_secret")!.Roles.SetEquals(Roles.All));
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("Azure")]
    public void DurableStorageNeedsAConfiguredTokenizationKey(string storage)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Services([], storage));

        // The message operators look up in docs/operations.md.
        Assert.StartsWith($"{storage} storage needs a stable tokenization key", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheConfiguredTokenizationKeyMakesTheSameTokensInEveryProcess()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        using var first = Services(new() { ["ActorRisk:Tokenization:Key"] = key }, "Postgres");
        using var second = Services(new() { ["ActorRisk:Tokenization:Key"] = key }, "Postgres");

        Assert.Equal(
            first.GetRequiredService<PanTokenizer>().Tokenize("4242424242424242"),
            second.GetRequiredService<PanTokenizer>().Tokenize("4242424242424242"));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings, string? durableStorage) =>
        new ServiceCollection()
            .AddActorRiskApi(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), durableStorage, [])
            .BuildServiceProvider();
}
