using ActorRisk.Api.Cards;
using ActorRisk.Portal.Components.Actions;
using Microsoft.AspNetCore.Components.Authorization;

namespace ActorRisk.Portal.Components.Pages;

/// <summary>What came of an operator's block or unblock: the card as it is now when it was done, and what to tell the operator.</summary>
public sealed record CardActionResult(bool Done, CardSnapshot? Card, string Message);

/// <summary>
/// An operator's block or unblock from the card page: the policy is checked again here, whatever the page showed
/// (a hidden button is not what stops an analyst), the reason is required, and <see cref="CardOperations"/> audits it.
/// </summary>
internal sealed class CardActions(CardOperations operations, PortalActor portalActor)
{
    public async Task<CardActionResult> ActAsync(Task<AuthenticationState>? signedIn, string cardToken, bool block, string? reason)
    {
        if (await portalActor.NameIfAllowedAsync(signedIn, PortalAuth.Policies.Operate) is not { } actor)
        {
            return new CardActionResult(false, null, "Only operators and administrators may block or unblock cards.");
        }

        if (ActionReason.Problem(reason) is { } problem)
        {
            return new CardActionResult(false, null, problem);
        }

        var why = reason!.Trim();
        var card = block
            ? await operations.BlockAsync(cardToken, why, actor, until: null)
            : await operations.UnblockAsync(cardToken, why, actor);
        return new CardActionResult(true, card, block ? "Card blocked. The action is in the audit log." : "Card unblocked. The action is in the audit log.");
    }
}
