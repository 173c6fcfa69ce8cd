using ActorRisk.Portal.Forms;
using Microsoft.AspNetCore.Components;

namespace ActorRisk.Portal.Tests.Forms;

/// <summary>The access page's form state: ticked roles, and a select that holds what it shows.</summary>
public sealed class AccessInputTests
{
    [Fact]
    public void TickingAndUntickingARoleKeepsTheRolesInOrderAndOnce()
    {
        var input = new AccessInput();
        input.Toggle("operator", new ChangeEventArgs { Value = true });
        input.Toggle("analyst", new ChangeEventArgs { Value = "true" });
        input.Toggle("operator", new ChangeEventArgs { Value = true });
        Assert.Equal(["analyst", "operator"], input.Roles);

        input.Toggle("operator", new ChangeEventArgs { Value = false });
        input.Toggle("analyst", new ChangeEventArgs { Value = null });
        Assert.Empty(input.Roles);
        Assert.False(input.Has("analyst"));
    }

    [Fact]
    public void SettingRolesReplacesTheTickedOnes()
    {
        var input = new AccessInput();
        input.Toggle("admin", new ChangeEventArgs { Value = true });
        input.SetRoles(["operator"]);
        Assert.Equal(["operator"], input.Roles);
    }

    [Fact]
    public void ASelectHoldsItsFirstOptionUntilAnotherIsChosenAndDropsAChoiceThatIsGone()
    {
        var input = new AccessInput();
        input.Choose(["mika", "nadia"], StringComparer.OrdinalIgnoreCase);
        Assert.Equal("mika", input.Name);

        input.Name = "NADIA";
        input.Choose(["mika", "nadia"], StringComparer.OrdinalIgnoreCase);
        Assert.Equal("NADIA", input.Name);

        input.Choose(["mika"], StringComparer.OrdinalIgnoreCase);
        Assert.Equal("mika", input.Name);

        input.Choose([], StringComparer.OrdinalIgnoreCase);
        Assert.Null(input.Name);
    }

    [Fact]
    public void TheStateFormStartsAtDisabled() => Assert.Equal("disabled", new AccessInput().State);
}
