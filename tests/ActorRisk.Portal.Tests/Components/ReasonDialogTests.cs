using ActorRisk.Portal.Components.Actions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace ActorRisk.Portal.Tests.Components;

/// <summary>The reason dialog every operator action goes through (bUnit, no browser): no reason, no action.</summary>
public sealed class ReasonDialogTests : IAsyncDisposable
{
    private readonly BunitContext context = new();
    private readonly IRenderedComponent<MudDialogProvider> provider;
    private Task<string?> asked = Task.FromResult<string?>(null);

    public ReasonDialogTests()
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        provider = context.Render<MudDialogProvider>();
    }

    [Fact]
    public async Task ConfirmingWithoutAReasonSaysWhyAndKeepsTheDialogOpen()
    {
        await AskAsync();
        Click("Block card");

        provider.WaitForAssertion(() => Assert.Contains("Give a reason: it goes into the audit log.", provider.Markup, StringComparison.Ordinal));
        Assert.False(asked.IsCompleted);
        Assert.Single(provider.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task AReasonIsReturnedTrimmedAndClosesTheDialog()
    {
        await AskAsync();
        provider.Find("textarea").Input("  Cardholder reported the card stolen  ");
        Click("Block card");

        Assert.Equal("Cardholder reported the card stolen", await asked.WaitAsync(TimeSpan.FromSeconds(5)));
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")));
    }

    [Fact]
    public async Task AReasonOverFiveHundredCharactersIsRefused()
    {
        await AskAsync();
        provider.Find("textarea").Input(new string('x', ActionReason.MaxLength + 1));
        Click("Block card");

        provider.WaitForAssertion(() => Assert.Contains($"Keep the reason to {ActionReason.MaxLength} characters.", provider.Markup, StringComparison.Ordinal));
        Assert.False(asked.IsCompleted);
    }

    [Fact]
    public async Task CancellingReturnsNoReason()
    {
        await AskAsync();
        provider.Find("textarea").Input("changed my mind");
        Click("Cancel");

        Assert.Null(await asked.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(null, "Give a reason: it goes into the audit log.")]
    [InlineData("   ", "Give a reason: it goes into the audit log.")]
    [InlineData("ok", null)]
    public void TheReasonRuleIsTheSameForEveryAction(string? reason, string? problem) =>
        Assert.Equal(problem, ActionReason.Problem(reason));

    private async Task AskAsync()
    {
        var dialogs = context.Services.GetRequiredService<IDialogService>();
        // Not awaited here: the dialog stays open until a test answers it.
        await provider.InvokeAsync(() => { asked = ReasonDialog.AskAsync(dialogs, "Block this card?", "Every authorization is declined.", "Block card", Color.Error); });
        provider.WaitForElement(".mud-dialog");
        Assert.Contains("Block this card?", provider.Find("h2.dialog-title").TextContent, StringComparison.Ordinal);
    }

    private void Click(string text) =>
        provider.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    // MudBlazor's services are only asynchronously disposable.
    public ValueTask DisposeAsync() => context.DisposeAsync();
}
