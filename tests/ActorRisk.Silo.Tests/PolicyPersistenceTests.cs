using ActorRisk.Domain.Cards;
using ActorRisk.Grains.Cards;

namespace ActorRisk.Silo.Tests;

/// <summary>Policies edited by administrators are grain state: they apply at once and again after a restart.</summary>
public sealed class PolicyPersistenceTests
{
    [Fact]
    public async Task AnEditedPolicySurvivesASiloRestartAndAnInvalidOneIsRefused()
    {
        var setup = new SiloSetup { ConnectionString = await SiloSetup.NewDatabaseAsync("policy") };
        await using (var before = new SiloFactory(setup))
        {
            using var _ = before.Client();
            var grain = before.Service<IGrainFactory>().GetGrain<IPolicyGrain>(IPolicyGrain.SingletonKey);
            var book = await grain.GetAsync();
            var strict = book.Default with
            {
                Limits = [.. book.Default.Limits.Select(l => l.Code == ReasonCodes.SmallAuthBurst ? l with { Threshold = 2 } : l)],
            };
            await grain.SaveAsync(book with { Default = strict });

            var invalid = book.Default with { Limits = [.. book.Default.Limits.Select(l => l with { Threshold = 0 })] };
            await Assert.ThrowsAsync<ArgumentException>(() => grain.SaveAsync(book with { Default = invalid }));
        }

        await using var after = new SiloFactory(setup);
        using var gateway = after.Client(TestKeys.Gateway);
        var card = Auth.NewToken();
        await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 1, "merchant-ec-1", cvcProvided: true));
        var second = await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), card, 1, "merchant-ec-1", cvcProvided: true));

        Assert.Equal("decline", second.Decision);
        Assert.Contains(ReasonCodes.SmallAuthBurst, second.Codes);
    }
}
