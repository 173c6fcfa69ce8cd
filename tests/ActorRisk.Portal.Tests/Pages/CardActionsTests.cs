using ActorRisk.Portal.Components.Actions;
using ActorRisk.Abstractions.Cards;
using ActorRisk.Api.Cards;
using ActorRisk.Api.Security;
using ActorRisk.Portal.Components.Pages;
using ActorRisk.ReadModels.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace ActorRisk.Portal.Tests.Pages;

/// <summary>
/// The card page's block and unblock handler against a real silo, without a browser: the policy is checked in the
/// handler itself (an analyst whose click got through is refused and nothing is audited), a reason is required,
/// and an operator's action is audited with the operator's name.
/// </summary>
public sealed class CardActionsTests : IAsyncLifetime
{
    private PortalSilo? silo;

    private PortalSilo Silo => silo ?? throw new InvalidOperationException("The test has not started.");

    public async Task InitializeAsync() => silo = await PortalSilo.StartAsync();

    [Fact]
    public async Task AnAnalystIsRefusedAndNothingIsAuditedOrChanged()
    {
        var token = PortalScenarioTests.NewCardToken();
        var result = await Actions().ActAsync(User(PortalSilo.Analyst), token, block: true, "looks odd");

        Assert.False(result.Done);
        Assert.Null(result.Card);
        Assert.Equal("Only operators and administrators may block or unblock cards.", result.Message);
        Assert.False((await Card(token)).Blocked);
        Assert.Empty(await Audited(token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task AnOperatorWithoutAReasonIsToldToGiveOne(string? reason)
    {
        var token = PortalScenarioTests.NewCardToken();
        var result = await Actions().ActAsync(User(PortalSilo.Operator), token, block: true, reason);

        Assert.False(result.Done);
        Assert.Equal("Give a reason: it goes into the audit log.", result.Message);
        Assert.False((await Card(token)).Blocked);
        Assert.Empty(await Audited(token));
    }

    [Fact]
    public void AReasonIsAtMostFiveHundredCharacters()
    {
        Assert.Null(ActionReason.Problem(new string('x', 500)));
        Assert.Equal("Keep the reason to 500 characters.", ActionReason.Problem(new string('x', 501)));
        Assert.Null(ActionReason.Problem("  fraud report  "));
    }

    [Fact]
    public async Task AnOperatorBlocksAndUnblocksAndBothAreAuditedUnderTheirName()
    {
        var token = PortalScenarioTests.NewCardToken();
        var blocked = await Actions().ActAsync(User(PortalSilo.Operator), token, block: true, "  Cardholder reported theft  ");
        Assert.True(blocked.Done);
        Assert.True(blocked.Card!.Blocked);
        Assert.Equal("Card blocked. The action is in the audit log.", blocked.Message);
        Assert.True((await Card(token)).Blocked);

        var unblocked = await Actions().ActAsync(User(PortalSilo.Admin), token, block: false, "Card found");
        Assert.True(unblocked.Done);
        Assert.False(unblocked.Card!.Blocked);
        Assert.Equal("Card unblocked. The action is in the audit log.", unblocked.Message);

        var entries = await Audited(token);
        Assert.Equal(["card.unblock", "card.block"], entries.Select(e => e.Action));
        Assert.Equal(["admin", "operator"], entries.Select(e => e.Actor));
        Assert.Equal(["Card found", "Cardholder reported theft"], entries.Select(e => e.Reason));
    }

    private CardActions Actions() =>
        new(Silo.Services.GetRequiredService<CardOperations>(), new PortalActor(Silo.Services.GetRequiredService<IAuthorizationService>(), Silo.Services.GetRequiredService<PortalUsers>()));

    private Task<CardSnapshot> Card(string token) => Silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ICardGrain>(token).GetAsync();

    private Task<IReadOnlyList<AuditEntry>> Audited(string token) =>
        Silo.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Target: token));

    private Task<AuthenticationState> User(PortalAccount account) =>
        Task.FromResult(new AuthenticationState(PortalAuth.Principal(
            new PortalUser(account.UserName, [account.Role]), Silo.Services.GetRequiredService<PortalUsers>().StampOf(account.UserName))));

    public async Task DisposeAsync()
    {
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }
}
